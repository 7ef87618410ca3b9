package io.oncesync.engine.port;

import io.oncesync.engine.org.OrgMetadata;
import io.oncesync.engine.org.SObjectType;
import java.util.Set;

/** Describes the org's objects (the gateway's describeSObjects), typically cached by the caller. */
public interface OrgMetadataSource {

    /** Field metadata for each requested object; see {@link io.oncesync.engine.org.FieldMeta} for the mapping. */
    OrgMetadata describe(Set<SObjectType> objects) throws CallFailure;
}
