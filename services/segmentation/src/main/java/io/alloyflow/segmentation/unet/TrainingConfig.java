package io.alloyflow.segmentation.unet;

import io.alloyflow.nn.UNetArchitecture;
import java.util.List;

/**
 * U-Net training settings (all recorded in the model's JSON sidecar).
 *
 * @param architecture network shape
 * @param classNames class names, index = label value; size must equal numClasses
 * @param cropSize side of the random training crops (multiple of 2^depth)
 * @param batchSize crops per optimiser step
 * @param epochs maximum number of epochs
 * @param stepsPerEpoch optimiser steps per epoch
 * @param learningRate Adam learning rate (Kingma and Ba 2015, ICLR)
 * @param seed seed of every random choice (initial weights, crops, augmentation)
 * @param augmentation augmentation settings
 * @param classWeighting weight the loss by inverse class frequency (rare phases count more)
 * @param maxClassWeight cap of a class weight relative to the mean weight (>= 1)
 * @param patience stop after this many epochs without validation mIoU improvement (0 = never)
 * @param tileSize tile side used for validation and saved as the inference default
 * @param tileOverlap tile overlap used for validation and saved as the inference default
 * @param maxSeconds wall-clock training budget in seconds; training stops after the epoch that
 *     exceeds it (0 = no limit)
 * @param cosineSchedule anneal the learning rate along a half cosine to 2 % of its start value
 *     (Loshchilov and Hutter 2017, ICLR "SGDR"), where progress is the larger of the step
 *     fraction and the elapsed fraction of the time budget; false = constant rate
 */
public record TrainingConfig(
    UNetArchitecture architecture,
    List<String> classNames,
    int cropSize,
    int batchSize,
    int epochs,
    int stepsPerEpoch,
    double learningRate,
    long seed,
    AugmentationSettings augmentation,
    boolean classWeighting,
    double maxClassWeight,
    int patience,
    int tileSize,
    int tileOverlap,
    double maxSeconds,
    boolean cosineSchedule) {

  public TrainingConfig {
    classNames = List.copyOf(classNames);
    if (classNames.size() != architecture.numClasses()) {
      throw new IllegalArgumentException(
          "training config names " + classNames.size() + " classes " + classNames
              + " but the architecture has " + architecture.numClasses());
    }
    int m = architecture.sizeMultiple();
    if (cropSize < m || cropSize % m != 0) {
      throw new IllegalArgumentException(
          "crop size must be a positive multiple of " + m + " (2^depth), found " + cropSize);
    }
    if (tileSize < m || tileSize % m != 0) {
      throw new IllegalArgumentException(
          "tile size must be a positive multiple of " + m + " (2^depth), found " + tileSize);
    }
    if (tileOverlap < 0 || tileOverlap >= tileSize) {
      throw new IllegalArgumentException(
          "tile overlap must be in [0, tileSize), found " + tileOverlap + " for tile " + tileSize);
    }
    if (batchSize < 1 || epochs < 1 || stepsPerEpoch < 1) {
      throw new IllegalArgumentException(
          "batch size, epochs and steps per epoch must be >= 1, found " + batchSize + ", "
              + epochs + ", " + stepsPerEpoch);
    }
    if (!(learningRate > 0 && learningRate < 1)) {
      throw new IllegalArgumentException("learning rate must be in (0, 1), found " + learningRate);
    }
    if (!(maxClassWeight >= 1)) {
      throw new IllegalArgumentException("max class weight must be >= 1, found " + maxClassWeight);
    }
    if (!(maxSeconds >= 0)) {
      throw new IllegalArgumentException("max seconds must be >= 0, found " + maxSeconds);
    }
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, found " + patience);
    }
  }

  /** Reasonable CPU defaults for an architecture and class names. */
  public static TrainingConfig defaults(UNetArchitecture arch, List<String> classNames) {
    return new TrainingConfig(
        arch, classNames, 128, 8, 30, 50, 2e-3, 42L, AugmentationSettings.defaults(), true, 10.0,
        8, 256, 64, 0, true);
  }

  public TrainingConfig withEpochs(int e, int steps) {
    return new TrainingConfig(architecture, classNames, cropSize, batchSize, e, steps,
        learningRate, seed, augmentation, classWeighting, maxClassWeight, patience, tileSize,
        tileOverlap, maxSeconds, cosineSchedule);
  }

  public TrainingConfig withCrop(int crop, int batch) {
    return new TrainingConfig(architecture, classNames, crop, batch, epochs, stepsPerEpoch,
        learningRate, seed, augmentation, classWeighting, maxClassWeight, patience, tileSize,
        tileOverlap, maxSeconds, cosineSchedule);
  }

  public TrainingConfig withAugmentation(AugmentationSettings a) {
    return new TrainingConfig(architecture, classNames, cropSize, batchSize, epochs,
        stepsPerEpoch, learningRate, seed, a, classWeighting, maxClassWeight, patience, tileSize,
        tileOverlap, maxSeconds, cosineSchedule);
  }

  public TrainingConfig withSeed(long s) {
    return new TrainingConfig(architecture, classNames, cropSize, batchSize, epochs,
        stepsPerEpoch, learningRate, s, augmentation, classWeighting, maxClassWeight, patience,
        tileSize, tileOverlap, maxSeconds, cosineSchedule);
  }

  public TrainingConfig withLearningRate(double lr) {
    return new TrainingConfig(architecture, classNames, cropSize, batchSize, epochs,
        stepsPerEpoch, lr, seed, augmentation, classWeighting, maxClassWeight, patience,
        tileSize, tileOverlap, maxSeconds, cosineSchedule);
  }

  public TrainingConfig withPatience(int p) {
    return new TrainingConfig(architecture, classNames, cropSize, batchSize, epochs,
        stepsPerEpoch, learningRate, seed, augmentation, classWeighting, maxClassWeight, p,
        tileSize, tileOverlap, maxSeconds, cosineSchedule);
  }

  public TrainingConfig withTiling(int tile, int overlap) {
    return new TrainingConfig(architecture, classNames, cropSize, batchSize, epochs,
        stepsPerEpoch, learningRate, seed, augmentation, classWeighting, maxClassWeight, patience,
        tile, overlap, maxSeconds, cosineSchedule);
  }

  public TrainingConfig withMaxSeconds(double s) {
    return new TrainingConfig(architecture, classNames, cropSize, batchSize, epochs,
        stepsPerEpoch, learningRate, seed, augmentation, classWeighting, maxClassWeight, patience,
        tileSize, tileOverlap, s, cosineSchedule);
  }

  public TrainingConfig withCosineSchedule(boolean on) {
    return new TrainingConfig(architecture, classNames, cropSize, batchSize, epochs,
        stepsPerEpoch, learningRate, seed, augmentation, classWeighting, maxClassWeight, patience,
        tileSize, tileOverlap, maxSeconds, on);
  }

  public TrainingConfig withClassWeighting(boolean on, double maxWeight) {
    return new TrainingConfig(architecture, classNames, cropSize, batchSize, epochs,
        stepsPerEpoch, learningRate, seed, augmentation, on, maxWeight, patience, tileSize,
        tileOverlap, maxSeconds, cosineSchedule);
  }
}
