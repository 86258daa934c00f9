/**
 * The prediction service's HTTP API: {@code POST /v1/predict/{property}} takes a batch of
 * candidate alloys and returns, per candidate, the mean, model and input standard deviations, the
 * 95 % interval and Shapley values, naming the model version; it shares the code path of the
 * {@code alloyflow predict} command and is served by the gateway application.
 */
package io.alloyflow.prediction.http;
