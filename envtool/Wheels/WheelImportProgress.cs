namespace EnvTool.Wheels;

/// <summary>How far the import of one wheel is: bytes of its files unpacked so far, of the total its archive declares.</summary>
public readonly record struct WheelImportProgress(string Wheel, long UnpackedBytes, long TotalBytes);
