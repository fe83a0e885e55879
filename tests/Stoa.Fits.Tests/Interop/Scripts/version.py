"""Prints the astropy version (fails when astropy is not importable)."""
import astropy

print(astropy.__version__)
