package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An application's Maven project that depends on a drop-in ({@code -all}) artifact as a user would,
 * resolved by a forked {@code mvn}. The drop-in jar, its published (dependency-reduced) POM and the
 * parent POM are installed into a local repository under {@code target/}; every other artifact is
 * read first from the build's own local repository as a {@code file:} repository (then from Maven
 * Central, unless the build runs offline, when the fork does too), and the fork never writes to the
 * build's repository. The failsafe configuration passes the paths.
 */
final class ConsumerProject {
    private static final String GROUP = "io.github.appendlog";
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

    /** The lines of {@code dependency:tree}, root first. */
    final List<String> tree;
    /** The application's runtime class path as Maven resolved it. */
    final List<Path> classpath;

    private ConsumerProject(List<String> tree, List<Path> classpath) {
        this.tree = tree;
        this.classpath = classpath;
    }

    /** Writes the project with {@code dependencies} (XML) and resolves it; fails the test if Maven fails. */
    static ConsumerProject resolve(String allArtifactId, String dependencies) throws Exception {
        Path dir = Paths.get(property("appendlog.consumerDir"));
        Path repo = dir.resolve("repository");
        String version = property("appendlog.version");
        install(repo, "appendlog-parent", version, Paths.get(property("appendlog.parentPom")), null);
        install(repo, allArtifactId, version, Paths.get(property("appendlog.allPom")), Paths.get(property("appendlog.allJar")));

        String cache = "<id>build-repository</id><url>" + Paths.get(property("appendlog.cacheRepository")).toUri() + "</url>";
        Files.writeString(dir.resolve("settings.xml"), "<settings>\n"
                + "  <localRepository>" + repo.toAbsolutePath() + "</localRepository>\n"
                + "  <profiles><profile><id>build-repository</id>\n"
                + "    <repositories><repository>" + cache + "</repository></repositories>\n"
                + "    <pluginRepositories><pluginRepository>" + cache + "</pluginRepository></pluginRepositories>\n"
                + "  </profile></profiles>\n"
                + "  <activeProfiles><activeProfile>build-repository</activeProfile></activeProfiles>\n"
                + "</settings>\n");
        Files.writeString(dir.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>example</groupId><artifactId>consumer</artifactId><version>1</version>\n"
                + "  <dependencies>\n" + dependencies + "\n  </dependencies>\n"
                + "</project>\n");
        Path tree = dir.resolve("tree.txt");
        Path classpath = dir.resolve("classpath.txt");
        Files.deleteIfExists(tree);
        Files.deleteIfExists(classpath);

        Path log = dir.resolve("mvn.log");
        Path mvn = Paths.get(property("appendlog.mavenHome"), "bin", "mvn");
        List<String> arguments = new ArrayList<>(List.of(mvn.toString(), "-B", "-s", "settings.xml", "-gs", "settings.xml",
                DEPENDENCY_PLUGIN + ":tree", "-DoutputFile=" + tree.toAbsolutePath(),
                DEPENDENCY_PLUGIN + ":build-classpath", "-Dmdep.outputFile=" + classpath.toAbsolutePath()));
        if ("offline=true".equals(System.getProperty("appendlog.offline"))) {
            arguments.addAll(List.of("-o", "-Daether.offline.protocols=file")); // the file: repository stays readable
        }
        ProcessBuilder command = new ProcessBuilder(arguments)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = command.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "mvn finished within 5 minutes; see " + log);
        assertEquals(0, process.exitValue(), () -> "mvn failed:\n" + read(log));

        List<Path> jars = new ArrayList<>();
        for (String entry : Files.readString(classpath).trim().split(File.pathSeparator)) {
            jars.add(Paths.get(entry));
        }
        return new ConsumerProject(Files.readAllLines(tree), jars);
    }

    /** The tree lines below the first line containing {@code coordinates} (its dependencies). */
    List<String> dependenciesOf(String coordinates) {
        for (int i = 0; i < tree.size(); i++) {
            if (tree.get(i).contains(coordinates)) {
                int depth = depth(tree.get(i));
                List<String> below = new ArrayList<>();
                for (int j = i + 1; j < tree.size() && depth(tree.get(j)) > depth; j++) {
                    below.add(tree.get(j));
                }
                return below;
            }
        }
        throw new AssertionError(coordinates + " is not in the dependency tree:\n" + String.join("\n", tree));
    }

    /** The class path entries whose file name starts with {@code prefix}. */
    List<Path> jarsNamed(String prefix) {
        List<Path> found = new ArrayList<>();
        for (Path jar : classpath) {
            if (jar.getFileName().toString().startsWith(prefix)) {
                found.add(jar);
            }
        }
        return found;
    }

    private static int depth(String line) {
        int marker = Math.max(line.indexOf("+- "), line.indexOf("\\- "));
        return marker < 0 ? 0 : marker / 3 + 1;
    }

    private static void install(Path repo, String artifactId, String version, Path pom, Path jar) throws IOException {
        Path dir = repo.resolve(GROUP.replace('.', '/')).resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        assertTrue(Files.isRegularFile(pom), "built: " + pom);
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertTrue(Files.isRegularFile(jar), "built: " + jar);
            Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isEmpty(), "system property " + name + " is set by the failsafe configuration");
        return value;
    }
}
