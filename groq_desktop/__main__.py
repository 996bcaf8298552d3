import sys

from groq_desktop.app.main import main

sys.exit(main())
