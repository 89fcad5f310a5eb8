"""REFI-QDA exchange: export the machine codings as a .qdpx project for NVivo, ATLAS.ti, MAXQDA or QualCoder, and
import a researcher's corrections back as annotations (`colens export qdpx`, `colens import qdpx`)."""
