package io.oncesync.engine.rulebook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.wiring.api.ResourceProvider;

/**
 * The class files Drools' Java compiler reads to resolve the types a DRL uses, read from a class loader once and
 * served from memory afterwards.
 *
 * <p>Why: the compiler (ECJ, through Drools' {@code EclipseJavaCompiler}) reads the bytes of every class a rule
 * refers to from the class path at every compile, and turns any {@link IOException} of that read into the error
 * "could not read class". In a running service every class is loaded already, so those reads are the only ones
 * still going to the jar files on disk: when a jar on the class path is rewritten in place under the running JVM
 * (a {@code mvn install} or {@code package} of the same snapshot, a redeploy over the same path) a compile fails with
 * "(rules):0: could not read class" while everything else keeps working, and a retry once the write is done
 * succeeds. Served from memory, a compile depends only on what this JVM has already read, and the bytes are those of
 * the classes it loaded.
 *
 * <p>Only class files that were found are cached: a name found absent may be a read that failed while a jar was
 * being rewritten, and is looked up again next time. The cache stops growing at {@link #MAX_ENTRIES} (a class path
 * has a fixed set of classes). Thread-safe.
 */
final class ClassBytes implements ResourceProvider {
    private static final int MAX_ENTRIES = 50_000;

    private final ClassLoader source;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    ClassBytes(ClassLoader source) {
        this.source = source;
    }

    @Override
    public URL getResource(String name) {
        return null;
    }

    /**
     * The class file's bytes, or null (not a class file, or not found: Drools then asks the class loader itself).
     * An {@link IOException} of a first read is passed on and nothing is cached, so a later compile reads again.
     */
    @Override
    public InputStream getResourceAsStream(String name) throws IOException {
        if (!name.endsWith(".class")) {
            return null;
        }
        byte[] bytes = cache.get(name);
        if (bytes == null) {
            try (InputStream in = source.getResourceAsStream(name)) {
                if (in == null) {
                    return null;
                }
                bytes = in.readAllBytes();
            }
            if (cache.size() < MAX_ENTRIES) {
                cache.putIfAbsent(name, bytes);
            }
        }
        return new ByteArrayInputStream(bytes);
    }
}
