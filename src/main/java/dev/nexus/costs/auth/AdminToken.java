package dev.nexus.costs.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin token: the configured one, or one generated at first start and kept in the data directory (readable
 * by its owner only). Immutable.
 *
 * @param value  the token
 * @param source where it comes from, for the startup log; never the token itself
 */
public record AdminToken(String value, String source) {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    public static AdminToken resolve(Optional<String> configured, Path file) {
        if (configured.isPresent()) {
            return new AdminToken(configured.get(), "from NEXUS_ADMIN_TOKEN");
        }
        try {
            if (Files.exists(file)) {
                return new AdminToken(Files.readString(file).trim(), "kept in " + file);
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = "nxa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, token + "\n");
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } else {
                log.warn("Cannot restrict the permissions of {} on this file system", file);
            }
            log.info("Generated an admin token, shown this once: {}", token);
            return new AdminToken(token, "generated, kept in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the admin token in " + file, e);
        }
    }
}
