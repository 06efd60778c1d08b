from sdmig.cli.main import main

main()
