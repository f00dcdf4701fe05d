from sponsordesk.cli import main

raise SystemExit(main())
