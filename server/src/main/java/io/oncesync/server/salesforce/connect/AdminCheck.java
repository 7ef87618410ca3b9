package io.oncesync.server.salesforce.connect;

import io.oncesync.server.salesforce.SalesforceClient;
import io.oncesync.server.salesforce.SalesforceUnavailable;
import io.oncesync.server.salesforce.lookup.QueryText;
import io.oncesync.server.salesforce.write.SObjects;

import com.sforce.soap.partner.GetUserInfoResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.bind.XmlObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Is the connected user a System Administrator? Decided by permissions, not by profile name (standard profile
 * names are translated in non-English orgs): Modify All Data and Customize Application, granted by the user's
 * profile or by any assigned permission set (permissions add up across them).
 */
final class AdminCheck {

    /** Who the user is and what grants them the two permissions. */
    public record Verdict(String orgId, String organizationName, String userId, String username, String displayName,
                          boolean modifyAllData, boolean customizeApplication, List<String> grantedBy) {
        public Verdict {
            grantedBy = List.copyOf(grantedBy);
        }

        public boolean isAdmin() {
            return modifyAllData && customizeApplication;
        }

        /** The sentence shown to a refused user. */
        public String refusal() {
            List<String> missing = new ArrayList<>();
            if (!modifyAllData) {
                missing.add("Modify All Data");
            }
            if (!customizeApplication) {
                missing.add("Customize Application");
            }
            return "Only a System Administrator can connect oncesync to Salesforce: " + username + " lacks "
                    + String.join(" and ", missing) + " (checked on the profile and all assigned permission sets).";
        }
    }

    private AdminCheck() {
    }

    public static Verdict check(SalesforceClient client) throws SalesforceUnavailable {
        GetUserInfoResult me = client.userInfo();
        boolean modifyAll = false;
        boolean customize = false;
        List<String> grantedBy = new ArrayList<>();
        for (SObject profile : client.query("SELECT Id, Name, PermissionsModifyAllData, PermissionsCustomizeApplication"
                + " FROM Profile WHERE Id = " + QueryText.soqlId(me.getProfileId()))) {
            boolean m = flag(profile, "PermissionsModifyAllData");
            boolean c = flag(profile, "PermissionsCustomizeApplication");
            modifyAll |= m;
            customize |= c;
            if (m || c) {
                grantedBy.add("profile " + SObjects.text(profile, "Name"));
            }
        }
        for (SObject assignment : client.query("SELECT Id, PermissionSet.Name, PermissionSet.PermissionsModifyAllData,"
                + " PermissionSet.PermissionsCustomizeApplication FROM PermissionSetAssignment WHERE AssigneeId = "
                + QueryText.soqlId(me.getUserId()))) {
            Object ps = assignment.getField("PermissionSet");
            if (!(ps instanceof XmlObject set)) {
                continue;
            }
            boolean m = flag(set, "PermissionsModifyAllData");
            boolean c = flag(set, "PermissionsCustomizeApplication");
            modifyAll |= m;
            customize |= c;
            if (m || c) {
                grantedBy.add("permission set " + set.getField("Name"));
            }
        }
        return new Verdict(me.getOrganizationId(), me.getOrganizationName(), me.getUserId(), me.getUserName(),
                me.getUserFullName(), modifyAll, customize, grantedBy);
    }

    private static boolean flag(XmlObject row, String field) {
        return "true".equalsIgnoreCase(Objects.toString(row.getField(field), ""));
    }
}
