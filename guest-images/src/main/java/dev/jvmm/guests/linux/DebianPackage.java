package dev.jvmm.guests.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Debian binary package fetched with the host's own {@code apt-get download}, checked and unpacked into a
 * cache directory outside the repository. The SHA-256 to check against comes from apt's package index
 * ({@code apt-cache show}, itself signed by the archive), so whatever version the archive serves today is
 * verified. The few files jvmm needs are kept unpacked beside the {@code .deb} with a manifest of their
 * digests; later runs check them against it and use them without asking apt again. A metapackage such as
 * {@code linux-image-amd64} is followed to the package it depends on.
 */
final class DebianPackage {
    /** Package, version and digest of one entry of {@code apt-cache show}. */
    record Entry(String name, String version, String sha256, String depends) {}

    private static final long COMMAND_TIMEOUT_SECONDS = 300;

    private DebianPackage() {}

    /** A fetched and checked package: its name, version and the files taken out of it. */
    record Fetched(String name, String version, Map<String, byte[]> files) {}

    /**
     * The files {@code wanted} selects from package {@code name} (or from the package a metapackage
     * {@code name} depends on, if {@code follow} names its prefix), fetching the package first if the cache
     * lacks a checked copy. The selected files are kept unpacked beside the {@code .deb}, marked with its
     * digest, so later runs read them without unpacking the package again.
     */
    static Fetched files(String name, String follow, Path cache, Predicate<String> wanted, Consumer<String> log) throws FetchException {
        String prefix = (follow != null ? follow : name) + (follow != null ? "" : "_");
        try {
            Fetched cached = newestUnpacked(cache, prefix);
            if (cached != null) return cached;
        } catch (IOException e) {
            throw new FetchException("cannot read the cache " + cache + ": " + e.getMessage());
        }
        Entry entry = resolve(name, follow);
        String base = baseName(entry.name(), entry.version());
        Path deb = cache.resolve(base + ".deb");
        Path unpacked = cache.resolve(base);
        try {
            Files.createDirectories(cache);
            if (!Files.isRegularFile(deb) || !entry.sha256().equals(sha256(deb))) {
                log.accept("fetching " + entry.name() + " " + entry.version() + " with apt-get download into " + cache);
                Files.deleteIfExists(deb);
                run(cache, "apt-get", "download", entry.name() + "=" + entry.version());
                if (!Files.isRegularFile(deb)) throw new FetchException("apt-get download left no " + deb.getFileName() + " in " + cache);
                String actual = sha256(deb);
                if (!actual.equals(entry.sha256())) {
                    Files.delete(deb);
                    throw new FetchException(deb.getFileName() + " has SHA-256 " + actual + ", the archive index says " + entry.sha256());
                }
            }
            Map<String, byte[]> files = dataFiles(deb, wanted);
            StringBuilder manifest = new StringBuilder(entry.sha256() + "  " + deb.getFileName() + "\n");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = unpacked.resolve(f.getKey()).normalize();
                if (!target.startsWith(unpacked)) throw new FetchException(deb.getFileName() + " holds a file outside its tree: " + f.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
                manifest.append(sha256(f.getValue())).append("  ").append(f.getKey()).append('\n');
            }
            Files.writeString(unpacked.resolve(MANIFEST), manifest);
            return new Fetched(entry.name(), entry.version(), files);
        } catch (IOException e) {
            throw new FetchException("cannot use the cache " + cache + ": " + e.getMessage());
        }
    }

    /** Written last into a package's unpacked directory: the .deb's digest, then each file's. */
    private static final String MANIFEST = "SHA256SUMS";

    private static String baseName(String name, String version) {
        return name + "_" + version.replace(":", "%3a") + "_amd64";
    }

    /**
     * The most recently fetched package whose unpacked directory starts with {@code prefix} and whose files
     * still match their manifest, or null. Fetched packages are used without asking apt again (which costs
     * about a second per question here and needs the archive's index); delete the cache to fetch anew.
     */
    private static Fetched newestUnpacked(Path cache, String prefix) throws IOException {
        if (!Files.isDirectory(cache)) return null;
        List<Path> dirs = new ArrayList<>();
        try (var list = Files.list(cache)) {
            list.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p.resolve(MANIFEST))).forEach(dirs::add);
        }
        dirs.sort(java.util.Comparator.comparing((Path p) -> p.resolve(MANIFEST).toFile().lastModified()).reversed());
        for (Path dir : dirs) {
            List<String> lines = Files.readAllLines(dir.resolve(MANIFEST));
            Map<String, byte[]> files = new java.util.TreeMap<>();
            boolean intact = lines.size() > 1;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("  ", 2);
                Path file = dir.resolve(f[1]);
                byte[] data = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
                if (data == null || !sha256(data).equals(f[0])) {
                    intact = false;
                    break;
                }
                files.put(f[1], data);
            }
            if (!intact) continue;
            String[] parts = dir.getFileName().toString().split("_");
            return new Fetched(parts[0], parts[1].replace("%3a", ":"), files);
        }
        return null;
    }

    /** Where {@link #files} keeps {@code file} of a fetched package in {@code cache}. */
    static Path unpackedFile(Path cache, Fetched fetched, String file) {
        return cache.resolve(baseName(fetched.name(), fetched.version())).resolve(file);
    }

    /** The selected files of the package's data archive, read through {@code dpkg-deb --fsys-tarfile}. */
    private static Map<String, byte[]> dataFiles(Path deb, Predicate<String> wanted) throws FetchException {
        try {
            Process p = new ProcessBuilder("dpkg-deb", "--fsys-tarfile", deb.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Map<String, byte[]> files;
            try (InputStream tar = p.getInputStream()) {
                files = TarMembers.read(tar, wanted);
                tar.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new FetchException("dpkg-deb did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) throw new FetchException("dpkg-deb --fsys-tarfile " + deb.getFileName() + " failed (status " + p.exitValue() + ")");
            return files;
        } catch (IOException e) {
            throw new FetchException("cannot unpack " + deb.getFileName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("dpkg-deb was interrupted");
        }
    }

    /** The package apt's index names: {@code name}, or what the metapackage {@code name} depends on. */
    private static Entry resolve(String name, String follow) throws FetchException {
        Entry entry = show(name);
        if (follow == null) return entry;
        String target = dependency(entry.depends(), follow);
        if (target == null) throw new FetchException(name + " depends on no " + follow + "* package");
        return show(target);
    }

    static Entry show(String name) throws FetchException {
        String out = run(null, "apt-cache", "show", "--no-all-versions", name);
        Entry e = parse(out);
        if (e == null) {
            throw FetchException.hostCannotFetch("apt knows no package " + name + " (run 'apt-get update' once, as root)");
        }
        return e;
    }

    /** The first stanza of {@code apt-cache show} output, or null if it lacks a field jvmm needs. */
    static Entry parse(String stanza) {
        String name = field(stanza, "Package"), version = field(stanza, "Version"), sha = field(stanza, "SHA256");
        if (name == null || version == null || sha == null) return null;
        return new Entry(name, version, sha.toLowerCase(), field(stanza, "Depends"));
    }

    private static String field(String stanza, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ": *(.+)$").matcher(stanza);
        return m.find() ? m.group(1).trim() : null;
    }

    /** The first package in a Depends list whose name starts with {@code prefix}. */
    static String dependency(String depends, String prefix) {
        if (depends == null) return null;
        for (String alternative : depends.split("[,|]")) {
            String pkg = alternative.trim().split("[ (]")[0];
            if (pkg.startsWith(prefix)) return pkg;
        }
        return null;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) md.update(buffer, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Runs a host command; its standard output, or a {@link FetchException} with its error output. */
    private static String run(Path directory, String... command) throws FetchException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (directory != null) pb.directory(directory.toFile());
        try {
            Process p = pb.start();
            byte[] err;
            byte[] out;
            try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
                var errFuture = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(e));
                out = o.readAllBytes();
                err = errFuture.join();
            }
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw FetchException.hostCannotFetch(command[0] + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                String why = new String(err, StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElse("");
                throw FetchException.hostCannotFetch(String.join(" ", command) + " failed (status " + p.exitValue() + ")" + (why.isEmpty() ? "" : ": " + why));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FetchException.hostCannotFetch("cannot run " + command[0] + " (a Debian host with apt is needed to fetch the Linux guest): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(command[0] + " was interrupted");
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
