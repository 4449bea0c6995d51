"""gongkai: a warehouse of China's government information-disclosure annual reports."""
