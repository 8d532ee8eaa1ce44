"""Spoken answers: audio in, transcript and delivery feedback out, all on this machine.

    audio.py       read a recording (any file PyAV decodes) into 16 kHz mono samples; checks
    model.py       the Whisper model card, sha256 checks, loading faster-whisper
    transcribe.py  samples -> words with timestamps (one pass, or chunk by chunk)
    live.py        the path a microphone feeds: blocks in, chunks transcribed while recording
    microphone.py  the default input device through sounddevice (PortAudio)
    fillers.py     filler words counted in a transcript
    delivery.py    pace, fillers per minute, long pauses and speaking time from the recording
    answer.py      a spoken answer's feedback: the scorer's, with the recording's real duration

Importing this package is cheap: faster-whisper, numpy and sounddevice load only when a
recording is read, recorded or transcribed.
"""
