/** Locates the bundled rule directory; the policies themselves are DRL resources. */
package io.oncesync.rules;
