package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bin/imapferry}, run as a user would, against fake JVMs: scripts that say which one
 * ran and with what arguments, each in a home whose {@code release} file gives its version. A
 * PATH of only the tools the launcher needs (and a fake JVM's bin where a test puts one there)
 * keeps the machine's own java out of it.
 */
class LauncherTest {
    private static final Path LAUNCHER =
            Path.of("..", "bin", "imapferry").toAbsolutePath().normalize();
    private static final List<String> TOOLS = List.of(
            "bash",
            "env",
            "dirname",
            "readlink",
            "sed",
            "stat",
            "uname",
            "mkdir",
            "chmod",
            "rm",
            "grep",
            "mv",
            "cat",
            "cp");

    @TempDir
    Path dir;

    private Path tools;
    private Path jvms;
    private Path cache;

    /** What one launch did: its exit code, and the fake java's lines (or the launcher's error). */
    private record Launch(int exitCode, List<String> lines, String errors) {
        String java() {
            return lines.stream().filter(l -> l.startsWith("java=")).findFirst().orElse("none");
        }

        List<String> args() {
            return lines.stream()
                    .filter(l -> l.startsWith("arg="))
                    .map(l -> l.substring(4))
                    .toList();
        }
    }

    @BeforeEach
    void layOut() throws IOException {
        Path root = dir.resolve("imapferry");
        Files.createDirectories(root.resolve("bin"));
        Files.copy(LAUNCHER, root.resolve("bin/imapferry"));
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/imapferry.jar"), "not a real jar");
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : TOOLS) {
            Path found = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
            Path wrapper = tools.resolve(tool);
            Files.writeString(wrapper, "#!/bin/sh\nexec " + found + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        jvms = Files.createDirectories(dir.resolve("jvms"));
        cache = dir.resolve("cache");
    }

    /** A fake JVM home: bin/java prints its name and arguments, and writes an AOT cache when asked to. */
    private Path jvm(Path parent, String name, String version) throws IOException {
        Path home = Files.createDirectories(parent.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/bash
                echo "java=%s"
                for a in "$@"; do
                  echo "arg=$a"
                  case "$a" in -XX:AOTCacheOutput=*) echo archive > "${a#*=}" ;; esac
                done
                """.formatted(name));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    private Launch launch(Map<String, String> env, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(dir.resolve("imapferry/bin/imapferry").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", tools.toString());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("IMAPFERRY_CACHE", cache.toString());
        pb.environment().put("IMAPFERRY_JVM_DIRS", jvms.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher did not end");
        return new Launch(p.exitValue(), out.lines().toList(), err);
    }

    @Test
    void theNewestJvmFoundIsChosen() throws Exception {
        jvm(jvms, "jdk17", "17.0.15");
        jvm(jvms, "jdk25", "25.0.3");
        Path onPath = jvm(dir, "jdk21", "21.0.1");
        Launch launch = launch(Map.of("PATH", tools + ":" + onPath.getParent()), "--version");
        assertEquals(0, launch.exitCode(), launch.errors());
        assertEquals("java=jdk25", launch.java());
    }

    @Test
    void javaOnPathIsUsedWhenNothingNewerIsInstalled() throws Exception {
        Path home17 = jvm(dir, "home17", "17.0.2").getParent().getParent();
        Path onPath = jvm(dir, "jdk21", "21.0.1");
        Launch launch =
                launch(Map.of("JAVA_HOME", home17.toString(), "PATH", tools + ":" + onPath.getParent()), "--version");
        assertEquals("java=jdk21", launch.java(), "the PATH's Java 21 is newer than JAVA_HOME's 17");
    }

    @Test
    void javaHomeWinsATie() throws Exception {
        jvm(jvms, "other17", "17.0.9");
        Path home17 = jvm(dir, "home17", "17.0.2").getParent().getParent();
        Launch launch = launch(Map.of("JAVA_HOME", home17.toString()), "--version");
        assertEquals("java=home17", launch.java());
    }

    @Test
    void imapferryJavaOverridesTheChoice() throws Exception {
        jvm(jvms, "jdk25", "25.0.3");
        Path chosen = jvm(dir, "mine", "17.0.1");
        Launch launch = launch(Map.of("IMAPFERRY_JAVA", chosen.toString()), "--version");
        assertEquals("java=mine", launch.java());
    }

    @Test
    void aMissingImapferryJavaIsAClearError() throws Exception {
        jvm(jvms, "jdk25", "25.0.3");
        Launch launch =
                launch(Map.of("IMAPFERRY_JAVA", dir.resolve("nowhere/java").toString()), "--version");
        assertEquals(1, launch.exitCode());
        assertTrue(
                launch.errors()
                        .contains("IMAPFERRY_JAVA=" + dir.resolve("nowhere/java") + " is not an executable java"),
                launch.errors());
        assertEquals("none", launch.java());
    }

    @Test
    void noJavaAnywhereIsAClearError() throws Exception {
        Launch launch = launch(Map.of(), "--version");
        assertEquals(1, launch.exitCode());
        assertTrue(launch.errors().contains("no Java 17 or newer found"), launch.errors());
    }

    @Test
    void netty25GetsUnsafeMemoryAccessAndJava17IsNotGivenAnOptionItLacks() throws Exception {
        jvm(jvms, "jdk25", "25.0.3");
        Launch on25 = launch(Map.of(), "--version");
        assertTrue(on25.args().contains("--sun-misc-unsafe-memory-access=allow"), on25.args()::toString);

        Path home17 = jvm(dir, "home17", "17.0.2").getParent().getParent();
        Launch on17 = launch(Map.of("IMAPFERRY_JAVA", home17.resolve("bin/java").toString()), "--version");
        assertEquals("java=home17", on17.java());
        assertFalse(on17.args().stream().anyMatch(a -> a.startsWith("--sun-misc")), on17.args()::toString);
    }

    @Test
    void verifyKeepsFullTieredCompilationAndACopyRunsOnC1() throws Exception {
        jvm(jvms, "jdk17", "17.0.15");
        Launch verify = launch(Map.of(), "verify", "--host1", "a");
        assertTrue(verify.args().contains("-XX:TieredStopAtLevel=4"), verify.args()::toString);
        assertFalse(verify.args().contains("-XX:TieredStopAtLevel=1"), verify.args()::toString);
        assertTrue(verify.args().contains("-Xmx128m"), verify.args()::toString);

        Launch copy = launch(Map.of(), "--host1", "a", "--folder", "verify");
        assertTrue(copy.args().contains("-XX:TieredStopAtLevel=1"), copy.args()::toString);
        assertFalse(copy.args().contains("-XX:TieredStopAtLevel=4"), copy.args()::toString);
    }

    @Test
    void aJavaOlderThan17IsPassedOverAndNamedWhenItIsAllThereIs() throws Exception {
        Path old = jvm(dir, "jdk11", "11.0.22");
        Launch alone = launch(Map.of("PATH", tools + ":" + old.getParent()), "--version");
        assertEquals(1, alone.exitCode());
        assertTrue(alone.errors().contains("no Java 17 or newer found (only Java 11 at " + old + ";)"), alone.errors());
        assertEquals("none", alone.java());

        jvm(jvms, "jdk17", "17.0.15");
        Launch withNewer =
                launch(Map.of("JAVA_HOME", old.getParent().getParent().toString()), "--version");
        assertEquals(0, withNewer.exitCode(), withNewer.errors());
        assertEquals("java=jdk17", withNewer.java(), "JAVA_HOME's Java 11 cannot run the jar");
    }

    @Test
    void onJava17TrainingMakesAStaticArchiveWithoutLambdaEntriesAndNoAotCache() throws Exception {
        jvm(jvms, "jdk17", "17.0.15");
        // This fake records a class list (a lambda entry in it) when asked to, keeps the list a dump
        // is given, and writes the archive of a dump.
        Path java = jvms.resolve("jdk17/bin/java");
        Files.writeString(java, Files.readString(java).replace("  case \"$a\" in", """
                  case "$a" in -XX:DumpLoadedClassList=*) printf 'java/lang/Object\\n@lambda-proxy x\\n' >"${a#*=}";; esac
                  case "$a" in -XX:SharedClassListFile=*) cp "${a#*=}" "$HOME/dumped-list";; esac
                  case "$a" in -XX:SharedArchiveFile=*) [[ " $* " == *" -Xshare:dump "* ]] && echo cds >"${a#*=}";; esac
                  case "$a" in"""));
        Launch training = launch(Map.of(), "--train", "--justlogin");
        assertEquals(0, training.exitCode(), training.errors());
        assertTrue(training.args().contains("--justlogin"), training.args()::toString);
        assertEquals("java/lang/Object\n", Files.readString(dir.resolve("dumped-list")), "lambda entries dropped");
        assertFalse(training.args().stream().anyMatch(a -> a.startsWith("-XX:AOTCache")), training.args()::toString);
        Path archive = archiveIn(cache);
        assertTrue(archive.toString().endsWith(".jsa"), archive::toString);

        Launch later = launch(Map.of(), "--version");
        assertTrue(later.args().contains("-XX:SharedArchiveFile=" + archive), later.args()::toString);
        assertFalse(later.args().stream().anyMatch(a -> a.startsWith("-XX:AOTCache")), later.args()::toString);
        try (var left = Files.list(cache)) {
            assertFalse(
                    left.anyMatch(f ->
                            f.toString().endsWith(".classes") || f.toString().endsWith(".static")),
                    "the class lists are removed after the dump");
        }
    }

    /** The JVMs here that can run the jar: the one running this test, and each Java 17+ under /usr/lib/jvm. */
    static Stream<Path> realJvms() throws IOException {
        Set<Path> found = new LinkedHashSet<>();
        found.add(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath());
        Path system = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(system)) {
            try (Stream<Path> homes = Files.list(system)) {
                for (Path home : homes.sorted().toList()) {
                    Path java = home.resolve("bin/java");
                    if (Files.isExecutable(java) && releaseMajor(home) >= 17) {
                        found.add(java.toRealPath());
                    }
                }
            }
        }
        return found.stream();
    }

    private static int releaseMajor(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Matcher version = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)", Pattern.MULTILINE)
                .matcher(Files.readString(release));
        return version.find() ? Integer.parseInt(version.group(1)) : 0;
    }

    /**
     * The real thing on each JVM installed: --train records an archive (a static CDS archive on 17,
     * an AOT cache on 25) from which a later start loads the jar's classes, and an archive damaged
     * afterwards is skipped without a word, the run going on as if there were none.
     */
    @ParameterizedTest
    @MethodSource("realJvms")
    void onARealJvmTheTrainedArchiveServesLaterStartsAndADamagedOneIsSkipped(Path java) throws Exception {
        writeProbeJar(dir.resolve("imapferry/cli/target/imapferry.jar"));
        Launch training = launch(Map.of("IMAPFERRY_JAVA", java.toString()), "--train", "trained");
        assertEquals(0, training.exitCode(), training.errors());
        assertTrue(
                training.lines().stream().anyMatch(l -> l.matches("probe ran on Java \\d+ with trained")),
                training.lines()::toString);
        Path archive = archiveIn(cache);
        assertTrue(Files.size(archive) > 0, archive::toString);

        Launch later = launch(Map.of("IMAPFERRY_JAVA", java.toString(), "JAVA_OPTS", "-Xlog:class+load=info"), "again");
        assertEquals(0, later.exitCode(), later.errors());
        assertTrue(
                later.lines().stream()
                        .anyMatch(l -> l.endsWith(LauncherProbe.class.getName() + " source: shared objects file")),
                "the probe's class comes from the archive: " + later.lines());

        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-------"));
        byte[] noise = new byte[64 * 1024];
        new Random(13).nextBytes(noise);
        Files.write(archive, noise);
        Launch damaged = launch(Map.of("IMAPFERRY_JAVA", java.toString()), "after", "damage");
        assertEquals(0, damaged.exitCode(), damaged.errors());
        assertEquals(1, damaged.lines().size(), damaged.lines()::toString);
        assertTrue(
                damaged.lines().get(0).matches("probe ran on Java \\d+ with after,damage"), damaged.lines()::toString);
        assertEquals("", damaged.errors());
    }

    /** A runnable jar of {@link LauncherProbe} alone, where the launcher looks for imapferry's. */
    private static void writeProbeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                InputStream in = LauncherProbe.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    /** The one archive a training left in the cache. */
    private static Path archiveIn(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> archives = files.filter(
                            f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".aot"))
                    .toList();
            assertEquals(1, archives.size(), archives::toString);
            return archives.get(0);
        }
    }

    @Test
    void javaOptsComeAfterTheLaunchersOwnAndArgumentsPassThrough() throws Exception {
        jvm(jvms, "jdk17", "17.0.15");
        Launch launch = launch(Map.of("JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=4"), "--user1", "a b");
        List<String> args = launch.args();
        assertTrue(
                args.indexOf("-Xmx128m") >= 0 && args.indexOf("-Xmx128m") < args.indexOf("-Xmx512m"), args::toString);
        assertTrue(args.indexOf("-XX:TieredStopAtLevel=1") < args.indexOf("-XX:TieredStopAtLevel=4"), args::toString);
        assertTrue(args.contains("-Dio.netty.jfr.enabled=false"), args::toString);
        assertEquals(
                List.of(
                        "-jar",
                        dir.resolve("imapferry/cli/target/imapferry.jar").toString(),
                        "--user1",
                        "a b"),
                args.subList(args.size() - 4, args.size()));
        assertFalse(
                args.stream().anyMatch(a -> a.startsWith("-XX:AOTCache") || a.startsWith("-XX:SharedArchive")),
                "no archive was trained: " + args);
    }

    @Test
    void aTrainedArchiveIsUsedByLaterStartsInAnOwnerOnlyFolder() throws Exception {
        jvm(jvms, "jdk25", "25.0.3");
        Launch training = launch(Map.of(), "--train");
        assertEquals(0, training.exitCode(), training.errors());
        assertTrue(training.args().containsAll(List.of("demo", "--no-progress")), training.args()::toString);
        String output = training.args().stream()
                .filter(a -> a.startsWith("-XX:AOTCacheOutput="))
                .findFirst()
                .orElseThrow();
        Path archive = Path.of(output.substring(output.indexOf('=') + 1));
        assertTrue(Files.isRegularFile(archive), archive::toString);
        assertEquals(
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE),
                Files.getPosixFilePermissions(cache));

        Launch later = launch(Map.of(), "--version");
        assertTrue(later.args().contains("-XX:AOTCache=" + archive), later.args()::toString);

        // A rebuilt jar gets an archive of its own: the old one is not offered to the JVM.
        Path jar = dir.resolve("imapferry/cli/target/imapferry.jar");
        Files.writeString(jar, "another build, of another size");
        Launch rebuilt = launch(Map.of(), "--version");
        assertEquals(0, rebuilt.exitCode(), rebuilt.errors());
        assertFalse(rebuilt.args().stream().anyMatch(a -> a.startsWith("-XX:AOTCache")), rebuilt.args()::toString);
    }
}
