package io.alloyflow.workflows.inclusion;

/**
 * One field of a scan as files.
 *
 * @param name field name (the image's file name without extension)
 * @param image path of the BSE image (TIFF or PNG) under the data roots
 * @param spotsDir path of the folder with the field's EDS spot spectra ({@code spots.csv} with
 *     columns {@code file,x,y}: an EMSA file in that folder and its BSE pixel position), or null
 *     when the field has none
 */
public record ScanField(String name, String image, String spotsDir) {
  public ScanField {
    if (name == null || name.isBlank() || image == null || image.isBlank()) {
      throw new IllegalArgumentException("a scan field needs a name and an image path");
    }
  }
}
