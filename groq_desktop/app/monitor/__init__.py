"""The queue & limits monitor: quota meters, the request queue, usage charts and health."""
