package sub

func Fetch() {}
