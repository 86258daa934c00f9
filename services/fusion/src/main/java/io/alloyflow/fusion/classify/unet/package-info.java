/**
 * A U-Net on stacked SEM and EDS channels for fused phase classification: the standardised BSE
 * image and the EDS element maps resampled onto the SEM grid through the registration enter one
 * fully convolutional network (Ronneberger, Fischer and Brox 2015) whose receptive field gives the
 * per-pixel decision a shape prior that pixel classifiers lack. Training on random augmented crops
 * with a class-weighted cross-entropy and validation-based model selection, whole-image inference,
 * a model folder with a JSON card. DJL on the PyTorch engine (CPU); no framework types. The
 * network mirrors the segmentation service's single-channel U-Net, which this service may not
 * import (services never depend on each other).
 */
package io.alloyflow.fusion.classify.unet;
