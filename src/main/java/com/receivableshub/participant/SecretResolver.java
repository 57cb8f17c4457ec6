package com.receivableshub.participant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a {@link SecretRef} into the secret. Errors name the reference, never the value. In demo and test
 * setups a missing secret file may be generated, so nothing secret is ever kept in the repository.
 */
public final class SecretResolver {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Function<String, String> environment;
    private final Path baseDir;
    private final boolean generateMissing;

    public SecretResolver(Function<String, String> environment, Path baseDir, boolean generateMissing) {
        this.environment = environment;
        this.baseDir = baseDir;
        this.generateMissing = generateMissing;
    }

    public static SecretResolver fromSystem(Path baseDir, boolean generateMissing) {
        Map<String, String> env = System.getenv();
        return new SecretResolver(env::get, baseDir, generateMissing);
    }

    public String resolve(SecretRef ref) {
        return switch (ref.kind()) {
            case ENV -> {
                String value = environment.apply(ref.name());
                if (value == null || value.isBlank()) {
                    throw new IllegalStateException("secret " + ref + " is not set");
                }
                yield value.trim();
            }
            case FILE -> readFile(ref);
        };
    }

    private synchronized String readFile(SecretRef ref) {
        Path path = baseDir.resolve(ref.name());
        try {
            if (!Files.exists(path)) {
                if (!generateMissing) {
                    throw new IllegalStateException("secret " + ref + " not found");
                }
                generate(path);
            }
            String value = Files.readAllLines(path, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            if (value.isEmpty()) {
                throw new IllegalStateException("secret " + ref + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("secret " + ref + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private static void generate(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), ".secret", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the folder's permissions apply
        }
        Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n");
        try {
            Files.move(tmp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
    }
}
