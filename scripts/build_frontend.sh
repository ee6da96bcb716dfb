#!/usr/bin/env bash
# Copies the built CSS, JavaScript, fonts and images of GOV.UK Frontend 6 and MoJ Frontend 11
# (installed by `npm ci`) into var/frontend, which Django serves under /assets/: their CSS
# refers to /assets/fonts and /assets/images. Throughcare has its own favicon (it is not on
# GOV.UK), so GOV.UK's icons and manifest are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
govuk=node_modules/govuk-frontend/dist/govuk
moj=node_modules/@ministryofjustice/frontend/moj
out=var/frontend
rm -rf "$out"
mkdir -p "$out/images" "$out/vendor"
cp -R "$govuk/assets/fonts" "$out/"
cp "$govuk/assets/images/govuk-crest.svg" "$out/images/"
cp -R "$moj/assets/images/." "$out/images/"
cp "$govuk/govuk-frontend.min.css" "$govuk/govuk-frontend.min.js" "$out/vendor/"
cp "$moj/moj-frontend.min.css" "$moj/moj-frontend.min.js" "$out/vendor/"
cp node_modules/axe-core/axe.min.js "$out/vendor/"
echo "Front-end files built into $out"
