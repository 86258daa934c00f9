package io.alloyflow.workflows.batch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The micrographs of a folder as batch items: regular files (no links) named {@code .tif}, {@code
 * .tiff} or {@code .png}, directly in the folder, in name order; the sample id is the file name
 * without its extension (characters a sample id may not hold become '-'). Whether a file really is
 * an image is the ingest step's to find out, item by item.
 */
public final class BatchFolder {
  /** Most micrographs a batch folder may hold. */
  public static final int MAX_ITEMS = BatchRequest.MAX_ITEMS;

  private BatchFolder() {}

  /**
   * @param dir a real directory (already checked to be under the data roots by the caller)
   * @throws IllegalArgumentException when the folder holds no micrograph or too many
   */
  public static List<BatchItem> items(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if ((n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".png")) && !n.startsWith(".")
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          files.add(p);
          if (files.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("the folder holds more than " + MAX_ITEMS + " micrographs: split it into several batches");
          }
        }
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("the folder holds no micrograph (.tif, .tiff or .png)");
    }
    files.sort(null);
    List<BatchItem> items = new ArrayList<>();
    for (Path p : files) {
      items.add(new BatchItem(sampleId(p.getFileName().toString()), p.toString()));
    }
    return items;
  }

  static String sampleId(String fileName) {
    String stem = fileName.replaceAll("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "-");
    if (stem.isEmpty() || !Character.isLetterOrDigit(stem.charAt(0))) {
      stem = "s" + stem;
    }
    return stem.length() > 128 ? stem.substring(0, 128) : stem;
  }
}
