package dev.connectconfig.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README, CONTRIBUTING.md and docs/ name only what exists: every repository path they give (in code or in a
 * link) is in the repository, and every relative link and {@code #anchor} leads to a file and a heading.
 */
class DocsTest {

    /** A repository path as the pages write it: a top-level folder or file, then any path below it. */
    private static final Pattern REPO_PATH = Pattern.compile(
            "(?<![\\w.$/-])((?:functions|shared|events|local|bench|connect|docs|\\.ci|\\.mvn)/[\\w./<>{}*$-]*"
                    + "|template\\.yaml|samconfig\\.toml|pom\\.xml|README\\.md|CONTRIBUTING\\.md)");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?) *#*$");

    @Test
    void everyPathLinkAndAnchorTheDocsNameExists() {
        Path root = RepoFiles.root();

        assertEquals(List.of(), problems(root, pages(root)));
    }

    @Test
    void aMissingPathFileOrAnchorIsReported(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.createDirectories(root.resolve("events/get-config"));
        Files.writeString(root.resolve("events/get-config/voice-en-us.json"), "{}");
        Files.writeString(root.resolve("docs/guide.md"), """
                # Guide

                ## The flow config

                ```
                # a shell comment, not a heading
                ```
                """);
        Files.writeString(root.resolve("README.md"), """
                # Title

                Run `local/run.sh invoke GetConfig events/get-config/voice-en-us.json` or
                `local/run.sh invoke GetConfig events/get-config/voice-en-gb.json`; builds go to
                `functions/<name>/target/<name>.jar`. Read [the guide](docs/guide.md#the-flow-config),
                [a gone page](docs/gone.md), [a gone section](docs/guide.md#scheduled-changes),
                [a shell comment](docs/guide.md#a-shell-comment-not-a-heading), [this page](#title),
                [nowhere here](#nowhere) and [the site](https://example.com/docs/x.md).
                """);

        assertEquals(List.of(
                        "README.md: local/run.sh does not exist",
                        "README.md: events/get-config/voice-en-gb.json does not exist",
                        "README.md: docs/gone.md does not exist",
                        "README.md: link docs/gone.md leads to no file",
                        "README.md: link docs/guide.md#scheduled-changes leads to no heading",
                        "README.md: link docs/guide.md#a-shell-comment-not-a-heading leads to no heading",
                        "README.md: link #nowhere leads to no heading"),
                problems(root, pages(root)));
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertEquals(Set.of("usersexport-the-nightly-users-export", "preview-speech", "limits-and-errors",
                        "limits-and-errors-1", "get-configs-flow-configsprefix"),
                anchors("""
                        ## UsersExport: the nightly users export
                        ### `Preview` speech
                        ### Limits and errors
                        ### Limits and errors
                        ## Get config's `/flow-configs?prefix=`
                        """));
    }

    private static List<Path> pages(Path root) {
        List<Path> pages = new ArrayList<>();
        for (String top : List.of("README.md", "CONTRIBUTING.md")) {
            if (Files.exists(root.resolve(top))) {
                pages.add(root.resolve(top));
            }
        }
        Path folder = root.resolve("docs");
        try (Stream<Path> docs = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static List<String> problems(Path root, List<Path> pages) {
        List<String> problems = new ArrayList<>();
        Map<Path, Set<String>> anchorsByFile = new HashMap<>();
        for (Path page : pages) {
            String name = root.relativize(page).toString();
            String text = read(page);
            for (String path : repoPaths(text)) {
                if (!Files.exists(root.resolve(path))) {
                    problems.add(name + ": " + path + " does not exist");
                }
            }
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(linked)) {
                    problems.add(name + ": link " + target + " leads to no file");
                } else if (hash >= 0 && !anchorsByFile.computeIfAbsent(linked, f -> anchors(read(f)))
                        .contains(target.substring(hash + 1))) {
                    problems.add(name + ": link " + target + " leads to no heading");
                }
            }
        }
        return problems;
    }

    /** Paths in code (spans and fenced blocks) and in link targets; placeholders and build output are left out. */
    private static Set<String> repoPaths(String text) {
        List<String> places = new ArrayList<>();
        Matcher span = CODE_SPAN.matcher(text.replaceAll("(?m)^```.*$", ""));
        while (span.find()) {
            places.add(span.group(1));
        }
        boolean fenced = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (fenced) {
                places.add(line);
            }
        }
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            if (!link.group(1).matches("[a-z]+:.*")) {
                places.add(link.group(1).replaceAll("#.*", ""));
            }
        }
        Set<String> paths = new LinkedHashSet<>();
        for (String place : places) {
            Matcher path = REPO_PATH.matcher(place);
            while (path.find()) {
                String found = path.group(1).replaceAll("[.,:;]+$", "");
                if (!found.matches(".*[<>{}*$].*") && !found.contains("/target/")) {
                    paths.add(found);
                }
            }
        }
        return paths;
    }

    /** The anchors GitHub gives a page's headings (outside fenced code): lower case, punctuation dropped. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (fenced || !heading.matches()) {
                continue;
            }
            String slug = heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            String unique = slug;
            for (int n = 1; !anchors.add(unique); n++) {
                unique = slug + "-" + n;
            }
        }
        return anchors;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
