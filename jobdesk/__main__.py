from jobdesk.cli import main

main()
