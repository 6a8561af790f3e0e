import ArabicTextCLI

ArabicTextCommand.runAsMain()
