package io.oncesync.engine.org;

import java.util.Arrays;
import java.util.Optional;

/** The four Salesforce objects oncesync writes. {@link #apiName()} is the sObject name on the wire. */
public enum SObjectType {
    LEAD("Lead"), CONTACT("Contact"), EVENT("Event"), CASE("Case");

    private final String apiName;

    SObjectType(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Lead and Contact are people (the guest); Event and Case are meetings. */
    public boolean isPerson() {
        return this == LEAD || this == CONTACT;
    }

    /** By API name, case-insensitively ("Lead", "lead"). */
    public static Optional<SObjectType> fromApiName(String name) {
        return Arrays.stream(values()).filter(t -> t.apiName.equalsIgnoreCase(name)).findFirst();
    }
}
