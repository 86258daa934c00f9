package io.alloyflow.workflows.inclusion;

import io.alloyflow.workflows.batch.BatchFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a scan folder: every BSE image ({@code .tif}, {@code .tiff}, {@code .png}) directly
 * in it, in name order (as {@link BatchFolder} lists micrographs), each with the EDS spot spectra
 * of the folder {@code NAME.spots/} beside it when that exists ({@code spots.csv} with columns
 * {@code file,x,y} and the EMSA files it names; NAME is the image's file name without extension).
 */
public final class InclusionScanFolder {
  private InclusionScanFolder() {}

  /**
   * @param dir a real directory (already checked to be under the data roots by the caller)
   * @throws IllegalArgumentException when it holds no image or more than a scan may have
   */
  public static List<ScanField> fields(Path dir) throws IOException {
    List<ScanField> out = new ArrayList<>();
    List<io.alloyflow.workflows.batch.BatchItem> items;
    try {
      items = BatchFolder.items(dir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replace("micrograph", "BSE field image"));
    }
    if (items.size() > InclusionScanRequest.MAX_FIELDS) {
      throw new IllegalArgumentException("the folder holds " + items.size() + " field images, more"
          + " than the " + InclusionScanRequest.MAX_FIELDS + " of one scan: split it into several"
          + " scans");
    }
    for (var it : items) {
      Path img = Path.of(it.path());
      String stem = img.getFileName().toString().replaceAll("\\.[^.]*$", "");
      Path spots = dir.resolve(stem + ".spots");
      boolean has = Files.isDirectory(spots, LinkOption.NOFOLLOW_LINKS)
          && Files.isRegularFile(spots.resolve("spots.csv"), LinkOption.NOFOLLOW_LINKS);
      out.add(new ScanField(it.sampleId(), img.toString(), has ? spots.toString() : null));
    }
    return out;
  }
}
