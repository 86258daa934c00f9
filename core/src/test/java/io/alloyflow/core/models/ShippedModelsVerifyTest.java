package io.alloyflow.core.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ShippedModels#verify}: intact folders pass, damaged, missing or unlisted files fail by name. */
class ShippedModelsVerifyTest {
  @TempDir Path tmp;

  private ShippedModels.Entry model(String weights, String listedSha) throws Exception {
    Path m = Files.createDirectories(tmp.resolve("models/demo-model"));
    Files.writeString(m.resolve("MODEL_CARD.md"), "# demo\n");
    Files.writeString(m.resolve(ShippedModels.INDEX), "task=demo\nmetric=none\nfile=weights.bin\neval.mIoU=0.5\n");
    Files.writeString(m.resolve("weights.bin"), weights);
    Files.writeString(m.resolve(ShippedModels.CHECKSUMS), listedSha + "  weights.bin\n");
    return new ShippedModels(tmp.resolve("models")).resolve("demo-model", "demo");
  }

  private static String sha(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anIntactModelPassesAndItsIndexIsReadable() throws Exception {
    ShippedModels.Entry e = model("0123", sha("0123"));
    List<Path> checked = ShippedModels.verify(e);
    assertEquals(List.of(e.folder().resolve("weights.bin")), checked);
    assertEquals("0.5", ShippedModels.index(e).getProperty("eval.mIoU"));
  }

  @Test
  void aChangedFileFailsWithItsNameAndBothChecksums() throws Exception {
    ShippedModels.Entry e = model("0124", sha("0123"));
    IllegalStateException x = assertThrows(IllegalStateException.class, () -> ShippedModels.verify(e));
    assertTrue(x.getMessage().contains("weights.bin") && x.getMessage().contains(sha("0123"))
        && x.getMessage().contains(sha("0124")), x.getMessage());
  }

  @Test
  void aMissingFileOrAMalformedLineOrAMissingCardFails() throws Exception {
    ShippedModels.Entry e = model("0123", sha("0123"));
    Files.delete(e.folder().resolve("weights.bin"));
    assertTrue(assertThrows(IllegalStateException.class, () -> ShippedModels.verify(e)).getMessage()
        .contains("weights.bin is listed in SHA256SUMS but missing"));
    Files.writeString(e.folder().resolve(ShippedModels.CHECKSUMS), "not-a-sum weights.bin\n");
    assertTrue(assertThrows(IllegalStateException.class, () -> ShippedModels.verify(e)).getMessage()
        .contains("line 1: expected 'SHA-256  FILE'"));
    Files.delete(e.folder().resolve("MODEL_CARD.md"));
    assertTrue(assertThrows(IllegalStateException.class, () -> ShippedModels.verify(e)).getMessage()
        .contains("no MODEL_CARD.md"));
  }
}
