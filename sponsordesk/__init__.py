"""sponsordesk: a private terminal notebook for 12-step sponsors."""

__version__ = "0.1.0"
