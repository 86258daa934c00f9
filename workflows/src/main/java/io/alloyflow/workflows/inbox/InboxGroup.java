package io.alloyflow.workflows.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files that make one analysis: a micrograph, its optional sidecar metadata
 * ({@code <name>.json}), and its optional EDS data: the file the sidecar names, else an EMSA
 * spectrum ({@code .msa}, {@code .emsa}) or Lispix spectrum image ({@code .rpl} with
 * {@code .raw}/{@code .raw.gz}) of the same base name.
 *
 * @param micrograph the micrograph
 * @param sidecar the sidecar file, or null
 * @param eds the EDS file, or null
 * @param edsData the data file of an RPL spectrum image, or null
 * @param missing companion files that the sidecar or an RPL header promises but that are not
 *     there (yet): the group is not complete
 */
public record InboxGroup(Path micrograph, Path sidecar, Path eds, Path edsData, List<String> missing) {
  private static final String[] EDS_EXTENSIONS = {".msa", ".emsa", ".rpl", ".bcf", ".hspy"};
  private static final String[] RAW_EXTENSIONS = {".raw", ".raw.gz"};

  public InboxGroup {
    missing = List.copyOf(missing);
  }

  /** Every file of the group that exists. */
  public List<Path> files() {
    List<Path> l = new ArrayList<>();
    l.add(micrograph);
    for (Path p : new Path[] {sidecar, eds, edsData}) {
      if (p != null) {
        l.add(p);
      }
    }
    return l;
  }

  /** Whether a file name is a micrograph the inbox analyses. */
  public static boolean isMicrograph(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return !n.startsWith(".") && (n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".png"));
  }

  static String baseName(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot <= 0 ? n : n.substring(0, dot);
  }

  /**
   * The group of a micrograph, as far as the files are there.
   *
   * @param sidecarSettings the parsed sidecar (pass {@link Sidecar#NONE} when there is none)
   */
  public static InboxGroup of(Path micrograph, Path sidecarFile, Sidecar sidecarSettings) {
    String base = baseName(micrograph);
    List<String> missing = new ArrayList<>();
    Path eds = null;
    if (sidecarSettings.eds() != null) {
      eds = micrograph.resolveSibling(sidecarSettings.eds());
      if (!Files.isRegularFile(eds)) {
        missing.add(sidecarSettings.eds());
        eds = null;
      }
    } else {
      for (String ext : EDS_EXTENSIONS) {
        Path p = micrograph.resolveSibling(base + ext);
        if (Files.isRegularFile(p)) {
          eds = p;
          break;
        }
      }
    }
    Path data = null;
    if (eds != null && eds.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".rpl")) {
      String edsBase = baseName(eds);
      for (String ext : RAW_EXTENSIONS) {
        Path p = eds.resolveSibling(edsBase + ext);
        if (Files.isRegularFile(p)) {
          data = p;
          break;
        }
      }
      if (data == null) {
        missing.add(edsBase + ".raw");
      }
    }
    return new InboxGroup(micrograph, sidecarFile, eds, data, missing);
  }

  /** The sidecar file of a micrograph, or null when there is none. */
  public static Path sidecarOf(Path micrograph) {
    Path p = micrograph.resolveSibling(baseName(micrograph) + ".json");
    return Files.isRegularFile(p) ? p : null;
  }

  /** Total bytes of the group's files (for the size limit). */
  long bytes() throws IOException {
    long n = 0;
    for (Path p : files()) {
      n += Files.size(p);
    }
    return n;
  }
}
