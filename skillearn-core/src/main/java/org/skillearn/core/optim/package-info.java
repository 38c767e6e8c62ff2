/**
 * Optimizers with explicit state (optax style): each can take a one-step look-ahead W' for the
 * solver's unrolled objective (Eq. 3–4) without touching the real state, and reports the
 * Jacobian of its step that the reverse sweep needs.
 */
package org.skillearn.core.optim;
