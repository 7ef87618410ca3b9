package io.oncesync.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds guests' emails and the encrypted Salesforce token: it is created {@code 700} and its files
 * {@code 600}, whatever the umask, and anything found there readable by group or others is tightened at start, with a
 * warning naming it. On file systems without POSIX permissions (Windows) nothing is changed.
 */
public final class OwnerOnly {
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);

    private OwnerOnly() {
    }

    /** Creates {@code dir} (and missing parents) as {@code 700}, or tightens it and its entries if it exists. */
    public static void directory(Path dir) {
        try {
            if (!Files.exists(dir)) {
                if (posix(dir.toAbsolutePath().getParent())) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
                    // createDirectories applies the umask too: set the mode itself.
                    tighten(dir, DIRECTORY, false);
                } else {
                    Files.createDirectories(dir);
                }
                return;
            }
            tighten(dir, DIRECTORY, true);
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                        tighten(entry, FILE, true);
                    } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        tighten(entry, DIRECTORY, true);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or secure the data directory " + dir, e);
        }
    }

    /** Creates an empty file as {@code 600} unless it exists (then tightens it). */
    public static void file(Path file) {
        try {
            if (posix(file.toAbsolutePath().getParent())) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                } catch (FileAlreadyExistsException e) {
                    // kept; tightened below
                }
                tighten(file, FILE, true);
            } else if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** Sets {@code wanted} when the path allows more; warns when it was an existing path that was too open. */
    static void tighten(Path path, Set<PosixFilePermission> wanted, boolean warn) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> now = view.readAttributes().permissions();
        if (!wanted.containsAll(now)) {
            view.setPermissions(wanted);
            if (warn) {
                LOG.warn("{} was {}; now {} (owner only)", path, PosixFilePermissions.toString(now),
                        PosixFilePermissions.toString(wanted));
            }
        }
    }

    private static boolean posix(Path existingAncestor) {
        Path p = existingAncestor;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }
}
