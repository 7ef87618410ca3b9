package io.oncesync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocLinksTest {
    /** The repository: this module's basedir is {@code <repo>/server}. */
    private static final Path REPOSITORY = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @Test
    @DisplayName("every relative link in README.md, CONTRIBUTING.md and docs/**/*.md names an existing file and heading")
    void repositoryDocs() throws Exception {
        assertThat(REPOSITORY.resolve("README.md")).as("the repository root, above server/").isRegularFile();
        DocLinks docs = new DocLinks(REPOSITORY);
        List<Path> files = docs.documentation();
        assertThat(files).contains(REPOSITORY.resolve("README.md"));
        assertThat(docs.problems(files)).isEmpty();
    }

    @Test
    @DisplayName("reports a missing file, a missing heading and a link out of the repository; code spans and URLs are not links")
    void findsBrokenLinks(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("docs/guide"));
        Files.writeString(repo.resolve("README.md"), """
                # oncesync

                ## Webhook ingestion, inbox and workers (`io.oncesync.server.ingest`, `.inbox`)

                ## Notes
                ## Notes

                See [the guide](docs/guide/admin.md#mapping-fields), [ops](docs/operations.md),
                [workers](#webhook-ingestion-inbox-and-workers-iooncesyncserveringest-inbox), [again](#notes-1),
                [gone](#no-such-heading), [up](../outside.md), [site](https://example.com/x.md),
                `[code](nowhere.md)`, <img src="docs/console.png"> and [ref][r].

                ```
                [block](nowhere-either.md)
                ```

                [r]: docs/guide/
                """);
        Files.writeString(repo.resolve("docs/guide/admin.md"), """
                # Admin guide
                ## Mapping fields
                Back to the [README](../../README.md#notes) and [its missing part](../../README.md#mapping).
                """);
        DocLinks docs = new DocLinks(repo);
        assertThat(docs.documentation()).containsExactly(repo.resolve("README.md"), repo.resolve("docs/guide/admin.md"));
        assertThat(docs.problems(docs.documentation())).containsExactly(
                "README.md: docs/operations.md: no such file docs/operations.md",
                "README.md: #no-such-heading: no heading #no-such-heading in README.md",
                "README.md: ../outside.md: points outside the repository",
                "README.md: docs/console.png: no such file docs/console.png",
                "docs/guide/admin.md: ../../README.md#mapping: no heading #mapping in README.md");
    }
}
