#!/usr/bin/env bash
# Installs the full Fashion-MNIST data (Debian package dataset-fashion-mnist, into
# /usr/share/datasets/fashion-mnist) so that the tests that need it run instead of being skipped.
exec bash "$(dirname "$0")/apt-install.sh" "tests needing the full Fashion-MNIST set" \
  '[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte ]' \
  dataset-fashion-mnist
