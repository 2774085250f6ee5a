// Entry point; replaced by the command-line front end.
print("netsim")
