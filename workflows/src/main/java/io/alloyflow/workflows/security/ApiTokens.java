package io.alloyflow.workflows.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API tokens of the gateway: opaque bearer tokens ({@code af_} + 32 random bytes, base64url), each
 * with a name and one {@link Role}. Only the SHA-256 of a token is stored, in {@code tokens.json}
 * in the data directory (mode 600, replaced atomically), so neither the file nor a log ever holds a
 * usable token; the token itself is shown once, when it is created. Lookups compare hashes in
 * constant time.
 */
public final class ApiTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A stored token.
   *
   * @param name unique name (who or what holds it)
   * @param role its role
   * @param sha256 hex SHA-256 of the token
   * @param createdAtEpochMs creation time
   */
  public record Entry(String name, String role, String sha256, long createdAtEpochMs) {}

  /** A token just created: the only time its secret is known. */
  public record Created(String name, Role role, String token) {}

  private final Path file;
  private volatile Map<String, Entry> byName;

  private ApiTokens(Path file, Map<String, Entry> entries) {
    this.file = file;
    this.byName = entries;
  }

  /** Opens (or starts an empty) token file. */
  public static ApiTokens open(Path file) throws IOException {
    Map<String, Entry> m = new LinkedHashMap<>();
    if (Files.exists(file)) {
      List<Entry> list;
      try {
        list = JSON.readValue(Files.readAllBytes(file), new TypeReference<List<Entry>>() {});
      } catch (IOException e) {
        throw new IOException("token file " + file + " is not a valid token list (JSON array of"
            + " {name, role, sha256, createdAtEpochMs}); fix or remove it", e);
      }
      for (Entry e : list) {
        Role.parse(e.role());
        m.put(e.name(), e);
      }
    }
    return new ApiTokens(file, m);
  }

  /** The token file. */
  public Path file() {
    return file;
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /** Stored tokens (names, roles, creation times; never secrets). */
  public List<Entry> list() {
    return List.copyOf(byName.values());
  }

  /** Creates a token; fails when the name is taken or invalid. */
  public synchronized Created create(String name, Role role) throws IOException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "token name must be 1..64 characters of letters, digits, '.', '_', '@', '-', found '"
              + (name == null ? "" : name.length() > 64 ? name.substring(0, 64) + "..." : name) + "'");
    }
    if (byName.containsKey(name)) {
      throw new IllegalArgumentException("a token named '" + name + "' exists already");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = "af_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Map<String, Entry> next = new LinkedHashMap<>(byName);
    next.put(name, new Entry(name, role.wireName(), sha256(token), System.currentTimeMillis()));
    save(next);
    byName = next;
    return new Created(name, role, token);
  }

  /** Revokes a token by name; returns whether it existed. */
  public synchronized boolean revoke(String name) throws IOException {
    if (!byName.containsKey(name)) {
      return false;
    }
    Map<String, Entry> next = new LinkedHashMap<>(byName);
    next.remove(name);
    save(next);
    byName = next;
    return true;
  }

  /** The entry a presented token belongs to. */
  public Optional<Entry> verify(String token) {
    if (token == null || token.length() < 10 || token.length() > 200) {
      return Optional.empty();
    }
    byte[] h = HexFormat.of().parseHex(sha256(token));
    Entry found = null;
    for (Entry e : byName.values()) {
      // constant-time per comparison; all entries are compared
      if (MessageDigest.isEqual(h, HexFormat.of().parseHex(e.sha256()))) {
        found = e;
      }
    }
    return Optional.ofNullable(found);
  }

  private void save(Map<String, Entry> entries) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    writePrivate(tmp, JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(new ArrayList<>(entries.values())).getBytes(StandardCharsets.UTF_8));
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Writes a file readable by its owner only (mode 600 where the file system has POSIX modes). */
  public static void writePrivate(Path f, byte[] content) throws IOException {
    Files.deleteIfExists(f);
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
    try {
      Files.createFile(f, PosixFilePermissions.asFileAttribute(owner));
    } catch (UnsupportedOperationException e) {
      Files.createFile(f);
    }
    Files.write(f, content);
  }

  static String sha256(String s) {
    return io.alloyflow.core.store.FileSystemArtifactStore.hash(s.getBytes(StandardCharsets.UTF_8));
  }
}
