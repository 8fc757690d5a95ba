// The CUDA tests share one device; the others are quick. Fixtures run one after another.
[assembly: NonParallelizable]
