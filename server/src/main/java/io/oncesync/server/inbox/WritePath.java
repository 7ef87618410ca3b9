package io.oncesync.server.inbox;

/**
 * Where write transactions run. On SQLite every write joins the writer thread's next group commit (one writer,
 * one fsync for everything waiting); on PostgreSQL writes run in their own transactions, concurrently.
 */
final class WritePath {
    private final Jdbc jdbc;
    private final GroupCommitter committer;
    private final boolean grouped;

    WritePath(Jdbc jdbc, GroupCommitter committer, boolean grouped) {
        this.jdbc = jdbc;
        this.committer = committer;
        this.grouped = grouped;
    }

    <T> T write(String what, Jdbc.Work<T> work) {
        return grouped ? committer.write(what, work) : jdbc.inTransaction(what, work);
    }
}
