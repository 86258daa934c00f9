package io.alloyflow.workflows.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alloyflow.core.store.FileSystemArtifactStore;
import io.alloyflow.workflows.gateway.GatewayBackend;
import io.alloyflow.workflows.gateway.ProblemException;
import io.alloyflow.workflows.gateway.Submission;
import io.alloyflow.workflows.ingest.Ingest;
import io.alloyflow.workflows.ingest.InputSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Takes one quiet file group from the inbox to an accepted analysis, exactly once.
 *
 * <ol>
 *   <li>Reads the sidecar and checks the settings and that every file decodes; a bad group moves
 *       to {@code .failed/<name>-<time>/} with {@code reason.txt} (one line: what was wrong, where,
 *       what was expected).
 *   <li>Computes the content key: SHA-256 over the files' SHA-256 and the canonical settings. The
 *       same files with the same settings have the same key, whatever their names or how often
 *       they are dropped.
 *   <li>Writes {@code .done/<key>/request.json} (what will be submitted), then moves the files
 *       into that folder (a second copy of known content is deleted instead).
 *   <li>Submits through the gateway's ledger with the key as idempotency key, then writes
 *       {@code receipt.json} with the analysis id. A repeated drop gets the same analysis and a
 *       line in {@code duplicates.log}.
 * </ol>
 *
 * <p>A crash or an unreachable graph between steps 3 and 4 leaves a folder with a request and no
 * receipt; {@link #recover()} (run at start and periodically) submits those, and the ledger makes
 * a repeated submission harmless. So a file is never lost and never analysed twice.
 */
public final class InboxProcessor {
  /** Who the ledger records as the submitter of inbox analyses. */
  public static final String PRINCIPAL = "inbox";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Accepts a submission durably: {@link GatewayBackend#submit} in production. */
  @FunctionalInterface
  public interface Acceptor {
    GatewayBackend.Accepted submit(Submission s, String principal, String idempotencyKey);
  }

  /** What became of a group. */
  public record Outcome(String file, String analysisId, boolean duplicate, String rejection, Path movedTo) {
    public boolean accepted() {
      return analysisId != null;
    }

    public String describe() {
      if (rejection != null) {
        return file + ": rejected: " + rejection;
      }
      if (analysisId == null) {
        return file + ": accepted into " + movedTo.getFileName() + ", submission pending (retried)";
      }
      return file + (duplicate ? ": same content as before -> " : " -> ") + analysisId;
    }
  }

  private final Path inbox;
  private final Path done;
  private final Path failed;
  private final InboxDefaults defaults;
  private final Acceptor acceptor;
  private final long maxBytes;
  private final long companionTimeoutMillis;
  private final Consumer<String> log;

  public InboxProcessor(
      Path inbox, InboxDefaults defaults, Acceptor acceptor, long maxBytes, long companionTimeoutMillis,
      Consumer<String> log) throws IOException {
    this.inbox = inbox.toAbsolutePath().normalize();
    this.done = this.inbox.resolve(".done");
    this.failed = this.inbox.resolve(".failed");
    Files.createDirectories(done);
    Files.createDirectories(failed);
    this.defaults = defaults;
    this.acceptor = acceptor;
    this.maxBytes = maxBytes;
    this.companionTimeoutMillis = companionTimeoutMillis;
    this.log = log;
  }

  /** The folder accepted groups move to (it must lie under the workers' data roots). */
  public Path doneDir() {
    return done;
  }

  public Path failedDir() {
    return failed;
  }

  /** File name endings the inbox takes (micrographs, EDS files and their data, sidecars). */
  public static final List<String> ACCEPTED_ENDINGS =
      List.of(".tif", ".tiff", ".png", ".msa", ".emsa", ".rpl", ".raw", ".raw.gz", ".json",
          ".bcf", ".hspy");

  /**
   * Puts a file into the inbox as an HTTP upload arrives: written under a hidden name, forced to
   * disk, then renamed into place, so the route never sees half a file.
   *
   * @return the number of bytes received
   * @throws IllegalArgumentException for a bad name or a body over {@code maxBytes}
   * @throws java.nio.file.FileAlreadyExistsException when a file of that name is still waiting
   */
  public long receive(String fileName, java.io.InputStream body, long maxBytes) throws IOException {
    checkName(fileName);
    Path target = inbox.resolve(fileName);
    if (Files.exists(target)) {
      throw new java.nio.file.FileAlreadyExistsException(fileName);
    }
    Path part = Files.createTempFile(inbox, ".incoming-", ".part");
    try {
      long n = 0;
      byte[] buf = new byte[1 << 16];
      try (java.io.OutputStream out = Files.newOutputStream(part, StandardOpenOption.TRUNCATE_EXISTING)) {
        for (int r; (r = body.read(buf)) >= 0; ) {
          n += r;
          if (n > maxBytes) {
            throw new IllegalArgumentException("body larger than this server's limit of " + maxBytes + " bytes");
          }
          out.write(buf, 0, r);
        }
      }
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(part, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      return n;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** Checks an uploaded file's name: a plain name with one of {@link #ACCEPTED_ENDINGS}. */
  static void checkName(String fileName) {
    if (fileName == null || fileName.isEmpty() || fileName.length() > 255 || fileName.startsWith(".")
        || !fileName.matches("[A-Za-z0-9._+-]+")) {
      throw new IllegalArgumentException("expected a file name of 1..255 letters, digits, '.', '_', '+'"
          + " or '-', not starting with '.'");
    }
    String lower = fileName.toLowerCase(java.util.Locale.ROOT);
    if (ACCEPTED_ENDINGS.stream().noneMatch(lower::endsWith)) {
      throw new IllegalArgumentException("expected a name ending in one of " + ACCEPTED_ENDINGS);
    }
  }

  /**
   * What became of a file that was put into the inbox: {@code state} is {@code waiting} (still in
   * the inbox), {@code accepted} (with {@code analysisId}, or {@code pending} while the submission
   * is retried), {@code rejected} (with {@code reason}); empty when the inbox never saw it.
   */
  public java.util.Optional<Map<String, Object>> lookup(String fileName) throws IOException {
    checkName(fileName);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", fileName);
    if (Files.exists(inbox.resolve(fileName))) {
      m.put("state", "waiting");
      return java.util.Optional.of(m);
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(done)) {
      for (Path dir : dirs) {
        if (Files.exists(dir.resolve(fileName))) {
          Path receipt = dir.resolve("receipt.json");
          if (Files.exists(receipt)) {
            m.put("state", "accepted");
            m.putAll(JSON.readValue(receipt.toFile(), Map.class));
          } else {
            m.put("state", "pending");
          }
          return java.util.Optional.of(m);
        }
      }
    }
    String base = InboxGroup.baseName(Path.of(fileName));
    Path latest = null;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(failed, base + "-*")) {
      for (Path dir : dirs) {
        if (Files.exists(dir.resolve(fileName))
            && (latest == null || dir.getFileName().toString().compareTo(latest.getFileName().toString()) > 0)) {
          latest = dir;
        }
      }
    }
    if (latest != null) {
      m.put("state", "rejected");
      Path reason = latest.resolve("reason.txt");
      m.put("reason", Files.exists(reason) ? Files.readString(reason).strip() : "unknown");
      return java.util.Optional.of(m);
    }
    return java.util.Optional.empty();
  }

  /** Takes one micrograph's group; never throws. */
  public Outcome process(Path micrograph) {
    String name = micrograph.getFileName().toString();
    Path sidecarFile = InboxGroup.sidecarOf(micrograph);
    Sidecar sc = Sidecar.NONE;
    InboxGroup group;
    try {
      if (sidecarFile != null) {
        sc = Sidecar.read(sidecarFile);
      }
      group = InboxGroup.of(micrograph, sidecarFile, sc);
    } catch (IOException | IllegalArgumentException e) {
      return reject(InboxGroup.of(micrograph, sidecarFile, Sidecar.NONE), e.getMessage());
    }
    try {
      if (!group.missing().isEmpty()) {
        return reject(group, "companion file(s) " + group.missing() + " did not arrive within "
            + companionTimeoutMillis / 1000 + " s");
      }
      if (group.bytes() > maxBytes) {
        return reject(group, "the files total " + group.bytes() + " bytes; this server accepts at most " + maxBytes);
      }
      Settings s = settings(micrograph, sc);
      try {
        Submission.checkFields(s.sampleId(), s.pixelSizeUm(), s.alloySystem(), s.method(), s.classes());
      } catch (ProblemException e) {
        return reject(group, (sidecarFile == null ? "" : sidecarFile.getFileName() + ": ")
            + e.problem().detail());
      }
      try {
        Ingest.validate(micrograph, s.pixelSizeUm(), group.eds());
      } catch (IOException | RuntimeException e) {
        String msg = String.valueOf(e.getMessage()).replace(inbox.toString() + "/", "");
        return reject(group, msg);
      }
      String key = contentKey(group, s);
      Path dir = done.resolve(key.substring(0, 32));
      stage(dir, group, s, key);
      return submit(dir, name);
    } catch (IOException | RuntimeException e) {
      // the inbox itself is in trouble (disk full, permissions): leave the files, try again later
      log.accept("inbox: " + name + ": could not be taken now (" + e.getMessage() + "); retrying");
      return new Outcome(name, null, false, null, null);
    }
  }

  /** Submits every accepted folder that has no receipt (after a crash or an unreachable graph). */
  public List<Outcome> recover() {
    List<Outcome> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(done)) {
      for (Path dir : dirs) {
        if (Files.isDirectory(dir) && Files.exists(dir.resolve("request.json"))
            && !Files.exists(dir.resolve("receipt.json"))) {
          out.add(submit(dir, dir.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      log.accept("inbox: cannot list " + done + ": " + e.getMessage());
    }
    return out;
  }

  private record Settings(
      String sampleId, String alloySystem, double pixelSizeUm, String method, int classes) {}

  private Settings settings(Path micrograph, Sidecar sc) {
    String base = InboxGroup.baseName(micrograph);
    return new Settings(
        sc.sampleId() != null ? sc.sampleId() : base,
        sc.alloySystem() != null ? sc.alloySystem() : defaults.alloySystem(),
        !Double.isNaN(sc.pixelSizeUm()) ? sc.pixelSizeUm() : defaults.pixelSizeUm(),
        sc.method() != null ? sc.method() : defaults.method(),
        sc.classes() != 0 ? sc.classes() : defaults.classes());
  }

  private static String contentKey(InboxGroup g, Settings s) throws IOException {
    Map<String, Object> k = new TreeMap<>();
    k.put("micrograph", FileSystemArtifactStore.hash(g.micrograph()));
    if (g.eds() != null) {
      k.put("eds", FileSystemArtifactStore.hash(g.eds()));
    }
    if (g.edsData() != null) {
      k.put("edsData", FileSystemArtifactStore.hash(g.edsData()));
    }
    k.put("sampleId", s.sampleId());
    k.put("alloySystem", s.alloySystem());
    k.put("pixelSizeUm", Double.isNaN(s.pixelSizeUm()) ? "none" : s.pixelSizeUm());
    k.put("method", s.method());
    k.put("classes", s.classes());
    return FileSystemArtifactStore.hash(JSON.writeValueAsBytes(k));
  }

  private void stage(Path dir, InboxGroup g, Settings s, String key) throws IOException {
    Path request = dir.resolve("request.json");
    if (Files.exists(request)) {
      // the same content was accepted before: the new copies carry nothing new
      for (Path p : g.files()) {
        Files.deleteIfExists(p);
      }
      return;
    }
    Files.createDirectories(dir);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("key", key);
    r.put("sampleId", s.sampleId());
    r.put("alloySystem", s.alloySystem());
    r.put("pixelSizeUm", Double.isNaN(s.pixelSizeUm()) ? null : s.pixelSizeUm());
    r.put("method", s.method());
    r.put("classes", s.classes());
    r.put("micrograph", g.micrograph().getFileName().toString());
    r.put("eds", g.eds() == null ? null : g.eds().getFileName().toString());
    r.put("receivedAt", Instant.now().toString());
    for (Path p : g.files()) {
      move(p, dir.resolve(p.getFileName().toString()));
    }
    writeAtomically(request, JSON.writeValueAsBytes(r));
  }

  private Outcome submit(Path dir, String file) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> r = JSON.readValue(dir.resolve("request.json").toFile(), Map.class);
      Path micro = dir.resolve((String) r.get("micrograph")).toRealPath();
      Object edsName = r.get("eds");
      InputSource eds = edsName == null ? null : InputSource.ofPath(dir.resolve((String) edsName).toRealPath());
      Object px = r.get("pixelSizeUm");
      Submission sub = new Submission((String) r.get("sampleId"), InputSource.ofPath(micro), eds,
          px == null ? Double.NaN : ((Number) px).doubleValue(), (String) r.get("alloySystem"),
          (String) r.get("method"), ((Number) r.get("classes")).intValue());
      GatewayBackend.Accepted a = acceptor.submit(sub, PRINCIPAL, "inbox:" + r.get("key"));
      Path receipt = dir.resolve("receipt.json");
      boolean duplicate = Files.exists(receipt);
      if (duplicate) {
        Files.writeString(dir.resolve("duplicates.log"),
            Instant.now() + " " + file + " dropped again: same content as analysis " + a.analysisId()
                + System.lineSeparator(),
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } else {
        Map<String, Object> rc = new LinkedHashMap<>();
        rc.put("analysisId", a.analysisId());
        rc.put("status", "/v1/analyses/" + a.analysisId());
        rc.put("acceptedAt", Instant.now().toString());
        writeAtomically(receipt, JSON.writeValueAsBytes(rc));
      }
      log.accept("inbox: " + file + (duplicate ? " (again, same content) -> " : " -> ") + a.analysisId());
      return new Outcome(file, a.analysisId(), duplicate, null, dir);
    } catch (ProblemException e) {
      log.accept("inbox: " + file + ": accepted into " + dir.getFileName() + ", not yet submitted ("
          + e.problem().detail() + "); retrying");
      return new Outcome(file, null, false, null, dir);
    } catch (IOException | RuntimeException e) {
      log.accept("inbox: " + file + ": accepted into " + dir.getFileName() + ", not yet submitted ("
          + e.getMessage() + "); retrying");
      return new Outcome(file, null, false, null, dir);
    }
  }

  private Outcome reject(InboxGroup g, String reason) {
    String name = g.micrograph().getFileName().toString();
    String oneLine = reason == null ? "unknown error" : reason.replaceAll("\\s+", " ").trim();
    Path dir = failed.resolve(InboxGroup.baseName(g.micrograph()) + "-" + STAMP.format(Instant.now()));
    try {
      Files.createDirectories(dir);
      for (Path p : g.files()) {
        if (Files.exists(p)) {
          move(p, dir.resolve(p.getFileName().toString()));
        }
      }
      writeAtomically(dir.resolve("reason.txt"), (name + ": " + oneLine + System.lineSeparator())
          .getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      log.accept("inbox: " + name + ": could not move to " + failed + ": " + e.getMessage());
    }
    log.accept("inbox: rejected " + name + ": " + oneLine);
    return new Outcome(name, null, false, oneLine, dir);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
    Files.write(tmp, bytes);
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    move(tmp, target);
  }
}
