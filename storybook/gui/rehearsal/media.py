"""GUI: microphone recording, the zone chime and playback, each failing softly when audio is missing.

QtMultimedia is imported inside functions: without ``libpulse0`` (or another audio library) the import
fails, and the rehearsal view must still work and say which library is missing.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal

from storybook.rehearsal.audio import soft_chime, write_wav

log = logging.getLogger(__name__)

NO_MICROPHONE = "No microphone found"
_LIBRARY = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*)")


def _import_multimedia() -> ModuleType:
    from PySide6 import QtMultimedia

    return QtMultimedia


def missing_library_message(exc: BaseException) -> str:
    """'Recording is off: libpulse.so.0 is missing (install libpulse0)' from an import error."""
    match = _LIBRARY.search(str(exc))
    if match is None:
        return f"Recording is off: QtMultimedia could not load ({exc})."
    library = match.group(1)
    package = library.split(".so")[0] + (library.split(".so.")[1].split(".")[0] if ".so." in library else "")
    return f"Recording is off: the audio library {library} is missing (install {package})."


def recording_status(importer: Callable[[], ModuleType] = _import_multimedia) -> tuple[bool, str]:
    """Whether a microphone can record, and what to tell the user when it cannot."""
    try:
        multimedia = importer()
    except ImportError as exc:
        return False, missing_library_message(exc)
    try:
        inputs = multimedia.QMediaDevices.audioInputs()
    except Exception as exc:  # a broken audio backend is the same as none, for the user
        log.warning("Listing audio inputs failed: %s", exc)
        return False, NO_MICROPHONE
    if not inputs:
        return False, NO_MICROPHONE
    return True, f"Recording from {inputs[0].description() or 'the default microphone'}"


class Recorder(QObject):
    """GUI: the recorder interface the rehearsal view uses; ``saved`` fires once the WAV is complete."""

    saved = Signal(str)
    failed = Signal(str)

    available = False
    message = NO_MICROPHONE

    def start(self, path: Path) -> bool:
        return False

    def pause(self) -> None:
        pass

    def resume(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def discard(self) -> None:
        """Stop and throw the take away (restart or discarded run)."""


class QtRecorder(Recorder):
    """GUI: records the default microphone to WAV with QMediaCaptureSession + QAudioInput + QMediaRecorder."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available, self.message = recording_status()
        self._path: Path | None = None
        self._discard = False
        self._recorder: Any = None
        self._session: Any = None
        if self.available:
            self._build()

    def _build(self) -> None:
        mm = _import_multimedia()
        self._session = mm.QMediaCaptureSession(self)
        self._audio_input = mm.QAudioInput(self)
        self._session.setAudioInput(self._audio_input)
        self._recorder = mm.QMediaRecorder(self)
        self._session.setRecorder(self._recorder)
        media_format = mm.QMediaFormat(mm.QMediaFormat.FileFormat.Wave)
        media_format.setAudioCodec(mm.QMediaFormat.AudioCodec.Wave)
        self._recorder.setMediaFormat(media_format)
        self._recorder.setQuality(mm.QMediaRecorder.Quality.HighQuality)
        self._recorder.recorderStateChanged.connect(self._state_changed)
        self._recorder.errorOccurred.connect(lambda _e, text: self._fail(text))

    def start(self, path: Path) -> bool:
        if not self.available or self._recorder is None:
            return False
        self._path, self._discard = Path(path), False
        self._recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
        self._recorder.record()
        return True

    def pause(self) -> None:
        if self._recorder is not None:
            self._recorder.pause()

    def resume(self) -> None:
        if self._recorder is not None:
            self._recorder.record()

    def stop(self) -> None:
        if self._recorder is not None:
            self._recorder.stop()

    def discard(self) -> None:
        self._discard = True
        self.stop()

    def _state_changed(self, state: Any) -> None:
        mm = _import_multimedia()
        if state != mm.QMediaRecorder.RecorderState.StoppedState or self._path is None:
            return
        actual = Path(self._recorder.actualLocation().toLocalFile() or self._path)
        self._path = None
        if self._discard:
            actual.unlink(missing_ok=True)
        elif actual.is_file():
            self.saved.emit(str(actual))
        else:
            self._fail("the recording file was not written")

    def _fail(self, text: str) -> None:
        log.warning("Recording failed: %s", text)
        self.failed.emit(f"Recording failed: {text}")


class WavFileRecorder(Recorder):
    """GUI: a stand-in recorder that 'records' a prepared WAV (for tests and demos without a microphone)."""

    available = True
    message = "Recording from a prepared file"

    def __init__(self, source: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = Path(source)
        self._path: Path | None = None
        self.calls: list[str] = []

    def start(self, path: Path) -> bool:
        self._path = Path(path)
        self.calls.append("start")
        return True

    def pause(self) -> None:
        self.calls.append("pause")

    def resume(self) -> None:
        self.calls.append("resume")

    def stop(self) -> None:
        self.calls.append("stop")
        if self._path is not None:
            shutil.copyfile(self.source, self._path)
            path, self._path = self._path, None
            self.saved.emit(str(path))

    def discard(self) -> None:
        self.calls.append("discard")
        self._path = None


class Chime(QObject):
    """GUI: a soft chime at the target and the limit; silent (never an error) when sound is unavailable."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True
        self._effect: Any = None
        self._folder = tempfile.mkdtemp(prefix="storybook-chime-")
        try:
            mm = _import_multimedia()
            if not mm.QMediaDevices.audioOutputs():
                raise RuntimeError("no audio output device")
            path = write_wav(Path(self._folder) / "chime.wav", soft_chime(), 22050)
            self._effect = mm.QSoundEffect(self)
            self._effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effect.setVolume(0.4)
        except Exception as exc:  # no audio library or device: the colours still tell the user
            log.info("Chime unavailable: %s", exc)
            self._effect = None
        self.destroyed.connect(lambda *_: shutil.rmtree(self._folder, ignore_errors=True))

    @property
    def ready(self) -> bool:
        return self._effect is not None

    def play(self) -> bool:
        if not self.enabled or self._effect is None:
            return False
        try:
            self._effect.play()
        except Exception as exc:
            log.info("Chime failed: %s", exc)
            return False
        return True


class Player(QObject):
    """GUI: plays a recording back with QMediaPlayer; ``error`` says why when it cannot."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.error = ""
        self._player: Any = None
        try:
            mm = _import_multimedia()
            self._player = mm.QMediaPlayer(self)
            self._output = mm.QAudioOutput(self)
            self._player.setAudioOutput(self._output)
        except ImportError as exc:
            self.error = missing_library_message(exc).replace("Recording", "Playback")
        except Exception as exc:
            self.error = f"Playback is off: {exc}"

    @property
    def source(self) -> str:
        return self._player.source().toLocalFile() if self._player is not None else ""

    def play(self, path: str) -> bool:
        if self._player is None:
            return False
        self._player.setSource(QUrl.fromLocalFile(path))
        self._player.play()
        return True

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()

    def is_playing(self) -> bool:
        if self._player is None:
            return False
        return self._player.playbackState() == self._player.PlaybackState.PlayingState
