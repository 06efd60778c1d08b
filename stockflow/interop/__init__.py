"""Interop with other system-dynamics tools: XMILE export and PySD model import."""
