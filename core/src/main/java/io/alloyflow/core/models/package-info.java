/**
 * The model zoo: the models that ship in the repository's {@code models/} folder, each a folder
 * with its model card ({@code MODEL_CARD.md}), {@code SHA256SUMS} and a small index file ({@code
 * zoo.properties}: task, metric, the model file) that {@code alloyflow models list} reads and
 * {@code --model NAME} resolves through, so that a name given on the command line is the same in
 * every service. Framework-free, no network: the zoo is what the repository holds.
 */
package io.alloyflow.core.models;
