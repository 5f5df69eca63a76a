print("fuzz: to be written")
