"""The one structured JSON logger (Powertools)."""

from __future__ import annotations

import logging

from aws_lambda_powertools import Logger

from chalicelib.settings import get_settings

logger = Logger(service="rcs-broadcast", level=get_settings().log_level)
# PynamoDB logs whole requests (item contents) at DEBUG: never below INFO.
logging.getLogger("pynamodb").setLevel(logging.INFO)
