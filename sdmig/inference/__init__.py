"""Inference: maximum-likelihood calibration and rolling-origin backtests."""
