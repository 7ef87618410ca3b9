package io.oncesync.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * The relative links of a repository's Markdown files: every {@code [text](path)}, {@code ![alt](path)}, reference
 * definition and HTML {@code href}/{@code src} that is not a URL must name a file or folder that exists, and a
 * {@code #fragment} into a Markdown file must name one of its headings, slugged as the hosting site does
 * (lower case, punctuation dropped, spaces to hyphens, {@code -1}, {@code -2} for repeats). Code spans and code
 * blocks are not links.
 */
final class DocLinks {
    private static final Parser MARKDOWN = Parser.builder().build();
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:|^//");
    private static final Pattern HTML_LINK = Pattern.compile("\\b(?:href|src)\\s*=\\s*[\"']([^\"']*)[\"']",
            Pattern.CASE_INSENSITIVE);

    private final Path root;
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    DocLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** README.md, CONTRIBUTING.md and every Markdown file under docs/, those that exist. */
    List<Path> documentation() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String top : List.of("README.md", "CONTRIBUTING.md")) {
            if (Files.isRegularFile(root.resolve(top))) {
                files.add(root.resolve(top));
            }
        }
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> all = Files.walk(docs)) {
                all.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p)).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** Every broken link in {@code files}, as {@code file: link: why}, relative to the root. */
    List<String> problems(List<Path> files) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path file : files) {
            for (String link : links(Files.readString(file, StandardCharsets.UTF_8))) {
                check(file, link).ifPresent(why -> out.add(root.relativize(file) + ": " + link + ": " + why));
            }
        }
        return out;
    }

    private java.util.Optional<String> check(Path file, String link) {
        if (link.isEmpty() || SCHEME.matcher(link).find()) {
            return java.util.Optional.empty();
        }
        int hash = link.indexOf('#');
        String pathPart = hash < 0 ? link : link.substring(0, hash);
        String fragment = hash < 0 ? null : URLDecoder.decode(link.substring(hash + 1), StandardCharsets.UTF_8);
        int query = pathPart.indexOf('?');
        if (query >= 0) {
            pathPart = pathPart.substring(0, query);
        }
        Path target = pathPart.isEmpty() ? file
                : (pathPart.startsWith("/") ? root.resolve(pathPart.substring(1))
                : file.getParent().resolve(URLDecoder.decode(pathPart, StandardCharsets.UTF_8))).normalize();
        if (!target.startsWith(root)) {
            return java.util.Optional.of("points outside the repository");
        }
        if (!Files.exists(target)) {
            return java.util.Optional.of("no such file " + root.relativize(target));
        }
        if (fragment != null && !fragment.isEmpty() && target.toString().endsWith(".md")
                && !anchorsOf(target).contains(fragment)) {
            return java.util.Optional.of("no heading #" + fragment + " in " + root.relativize(target));
        }
        return java.util.Optional.empty();
    }

    private Set<String> anchorsOf(Path md) {
        return anchors.computeIfAbsent(md, p -> {
            try {
                return headingIds(Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The anchors of a Markdown text's headings, plus explicit {@code <a name|id="…">} anchors. */
    static Set<String> headingIds(String markdown) {
        IdGenerator ids = IdGenerator.builder().build();
        Set<String> out = new HashSet<>();
        MARKDOWN.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                out.add(ids.generateId(text(heading)));
            }

            @Override
            public void visit(HtmlInline html) {
                explicitAnchors(html.getLiteral(), out);
            }

            @Override
            public void visit(HtmlBlock html) {
                explicitAnchors(html.getLiteral(), out);
            }
        });
        return out;
    }

    /** The link destinations of a Markdown text (inline, reference-style, images and HTML), in order. */
    static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        MARKDOWN.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                out.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                out.add(image.getDestination());
                visitChildren(image);
            }

            @Override
            public void visit(HtmlInline html) {
                htmlLinks(html.getLiteral(), out);
            }

            @Override
            public void visit(HtmlBlock html) {
                htmlLinks(html.getLiteral(), out);
            }
        });
        return out;
    }

    private static void htmlLinks(String html, List<String> out) {
        Matcher m = HTML_LINK.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
    }

    private static void explicitAnchors(String html, Set<String> out) {
        Matcher m = Pattern.compile("<a\\s[^>]*\\b(?:name|id)\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE)
                .matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
    }

    private static String text(Node node) {
        StringBuilder s = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                s.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                s.append(code.getLiteral());
            }
        });
        return s.toString();
    }
}
