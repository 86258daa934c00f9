package io.alloyflow.fusion.classify.unet;

import io.alloyflow.nn.UNetArchitecture;
import java.util.List;

/**
 * Training settings of the stacked-channel U-Net (recorded in the model card).
 *
 * @param shape network shape (its input channels must match the training data)
 * @param classNames class names, index = label value
 * @param crop side of the random training crops (multiple of 2^depth)
 * @param batch crops per optimiser step
 * @param epochs maximum number of epochs
 * @param stepsPerEpoch optimiser steps per epoch (validation after each epoch)
 * @param learningRate initial Adam step size (Kingma and Ba 2015, ICLR), cosine-annealed to 2 %
 *     (Loshchilov and Hutter 2017, ICLR)
 * @param seed seed of the initial weights, the crops and the augmentation
 * @param classWeightPower class weights {@code (1 / (K f_c))^power}: 1 = inverse frequency, 0.5 =
 *     its square root, 0 = unweighted
 * @param maxClassWeight cap of a class weight (>= 1)
 * @param patience stop after this many epochs without validation improvement (0 = never)
 * @param maxSeconds wall-clock budget; training stops after the epoch that exceeds it (0 = none)
 */
public record FusionUNetConfig(UNetArchitecture shape, List<String> classNames, int crop, int batch,
    int epochs, int stepsPerEpoch, double learningRate, long seed, double classWeightPower,
    double maxClassWeight, int patience, double maxSeconds) {

  public FusionUNetConfig {
    classNames = List.copyOf(classNames);
    if (classNames.size() != shape.numClasses()) {
      throw new IllegalArgumentException("U-Net config names " + classNames.size()
          + " classes " + classNames + " but the shape has " + shape.numClasses());
    }
    if (crop < shape.sizeMultiple() || crop % shape.sizeMultiple() != 0) {
      throw new IllegalArgumentException("crop must be a positive multiple of "
          + shape.sizeMultiple() + " (2^depth), found " + crop);
    }
    if (batch < 1 || epochs < 1 || stepsPerEpoch < 1) {
      throw new IllegalArgumentException("batch, epochs and steps per epoch must be >= 1, found "
          + batch + ", " + epochs + ", " + stepsPerEpoch);
    }
    if (!(learningRate > 0 && learningRate < 1)) {
      throw new IllegalArgumentException("learning rate must be in (0, 1), found " + learningRate);
    }
    if (!(classWeightPower >= 0 && classWeightPower <= 1)) {
      throw new IllegalArgumentException("class weight power must be in [0, 1], found "
          + classWeightPower);
    }
    if (!(maxClassWeight >= 1)) {
      throw new IllegalArgumentException("max class weight must be >= 1, found "
          + maxClassWeight);
    }
    if (patience < 0 || !(maxSeconds >= 0)) {
      throw new IllegalArgumentException("patience and max seconds must be >= 0, found "
          + patience + ", " + maxSeconds);
    }
  }
}
