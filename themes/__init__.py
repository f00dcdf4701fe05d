"""Theme files shipped with sponsordesk; installed as the package ``sponsordesk.themes``."""
