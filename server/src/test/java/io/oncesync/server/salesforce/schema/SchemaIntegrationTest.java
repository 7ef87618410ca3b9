package io.oncesync.server.salesforce.schema;

import io.oncesync.server.work.Backoff;
import io.oncesync.server.salesforce.OrgFixture;
import io.oncesync.server.salesforce.OrgSession;
import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.salesforce.connect.LoginHost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.localorg.LocalOrg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The org's describe: cache, mapping options, required fields and the schema snapshot")
class SchemaIntegrationTest {
    private OrgFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    @DisplayName("describes the four objects in one call, caches it, and refreshes on demand")
    void cached() throws Exception {
        fx = OrgFixture.start();
        OrgSession session = fx.adminSession();
        long before = fx.org.apiCallsUsed();
        OrgSchema schema = session.schema().current();
        session.schema().current();
        assertThat(fx.org.apiCallsUsed() - before).isEqualTo(1);
        assertThat(schema.objects()).containsOnlyKeys("Lead", "Contact", "Event", "Case");
        session.schema().refresh();
        assertThat(fx.org.apiCallsUsed() - before).isEqualTo(2);
    }

    @Test
    @DisplayName("offers per OnceHub property type the compatible fields, and names the fields required on create")
    void mappingOptionsAndRequiredFields() throws Exception {
        fx = OrgFixture.start();
        SalesforceGateway gateway = new SalesforceGateway(fx.connector, Clock.systemUTC(), Backoff.NONE);
        gateway.accept(fx.connectAs(fx.org.adminUsername()));

        var lead = gateway.mappingOptions(SObjectType.LEAD);
        assertThat(names(lead.get(PropertyType.EMAIL))).contains("Email").doesNotContain("Phone", "NumberOfEmployees");
        assertThat(names(lead.get(PropertyType.PHONE))).contains("Phone", "MobilePhone").doesNotContain("Email");
        assertThat(names(lead.get(PropertyType.NUMBER))).contains("NumberOfEmployees");
        assertThat(names(lead.get(PropertyType.DATETIME))).doesNotContain("Email", "IsConverted");
        assertThat(names(lead.get(PropertyType.TEXT))).doesNotContain("Id", "CreatedDate");
        assertThat(names(gateway.requiredFields(SObjectType.LEAD))).containsExactlyInAnyOrder("LastName", "Company");
        assertThat(names(gateway.requiredFields(SObjectType.CONTACT))).containsExactly("LastName");
    }

    @Test
    @DisplayName("writes a snapshot the local org loads, in the exact shape of its bundled schema")
    void snapshotRoundTrip(@TempDir Path dir) throws Exception {
        fx = OrgFixture.start("people.json", LoginHost.Kind.PRODUCTION);
        OrgSession session = fx.adminSession();
        Path file = dir.resolve("acme-schema.json");
        assertThat(SchemaSnapshot.write(session.client(), SchemaSnapshot.DEFAULT_OBJECTS, file)).isEqualTo(5);

        ObjectMapper json = new ObjectMapper();
        JsonNode written = json.readTree(file.toFile());
        JsonNode bundled;
        try (var in = LocalOrg.class.getResourceAsStream("/io/oncesync/localorg/schema/standard-schema.json")) {
            bundled = json.readTree(in);
        }
        assertThat(keys(written)).isEqualTo(keys(bundled));
        assertThat(keys(written.get("sobjects").get(0))).isEqualTo(keys(bundled.get("sobjects").get(0)));
        assertThat(keys(written.get("sobjects").get(0).get("fields").get(0)))
                .containsAll(keys(bundled.get("sobjects").get(0).get("fields").get(0)));
        assertThat(Files.readString(file)).as("schema only, no data").doesNotContain("Turing", "bletchley", "00Q000000000101");

        try (LocalOrg copy = LocalOrg.builder().port(0).schemaExtension(file).start()) {
            assertThat(copy.baseUrl()).isNotEqualTo(fx.org.baseUrl());
        }
    }

    private static List<String> names(List<FieldMeta> fields) {
        return fields.stream().map(FieldMeta::name).toList();
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> out = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
