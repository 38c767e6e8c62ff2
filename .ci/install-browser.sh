#!/usr/bin/env bash
# Installs headless Chromium and its driver (Debian packages chromium and chromium-driver) so that
# the live view's browser tests (DashboardTest) run instead of being skipped.
exec bash "$(dirname "$0")/apt-install.sh" "the dashboard's browser tests" \
  '[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]' chromium chromium-driver
