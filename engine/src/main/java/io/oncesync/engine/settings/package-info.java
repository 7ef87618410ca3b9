/** The admin's settings (settings.yaml): loading with file:line problems, validation against the org, the type-compatibility matrix. */
package io.oncesync.engine.settings;
